namespace Hotswap.Operator.Watching;

/// <summary>The collections <see cref="Caches"/> keeps, as a change names them.</summary>
public enum Watched
{
    System,
    ArgoCDCluster,
    ApplicationDeployment,
    Check,
    ClusterSecret,
    Job,
    Revision,
    ApplicationSet,
    Application,
}
