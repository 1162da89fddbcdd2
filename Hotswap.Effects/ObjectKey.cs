namespace Hotswap.Effects;

/// <summary>A work-queue key: which object to reconcile, e.g. check/mysystem-web-error-rate.</summary>
public sealed record ObjectKey(ObjectKind Kind, string Name)
{
    public static ObjectKey System(string name) => new(ObjectKind.System, name);

    public static ObjectKey ArgoCDCluster(string name) => new(ObjectKind.ArgoCDCluster, name);

    public static ObjectKey ApplicationDeployment(string name) => new(ObjectKind.ArgoCDApplicationDeployment, name);

    public static ObjectKey Check(string name) => new(ObjectKind.Check, name);

    /// <summary>As kubectl names it: "argocdapplicationdeployment/mysystem-web".</summary>
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}/{Name}";
}
