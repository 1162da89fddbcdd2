namespace Hotswap.Core.Notices;

/// <summary>
/// A Kubernetes Event to record about one of hotswap's objects: decided in Core from what a
/// reconcile did, recorded by the shell (aggregated: a repeat bumps the existing Event's count).
/// </summary>
/// <param name="Kind">The object's kind: System, ArgoCDCluster, ArgoCDApplicationDeployment, Check.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Warning">Type Warning; otherwise Normal.</param>
/// <param name="Reason">CamelCase, e.g. WeightChanged, RollingBack, Decommissioning.</param>
/// <param name="Note">What happened, for a person, naming the application first.</param>
public sealed record Notice(string Kind, string Name, bool Warning, string Reason, string Note)
{
    public string Type => Warning ? "Warning" : "Normal";

    public override string ToString() => $"{Type} {Reason} {Note}";
}
