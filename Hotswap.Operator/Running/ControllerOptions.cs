namespace Hotswap.Operator.Running;

/// <summary>How <c>hotswap run</c>'s controller works: what it watches and how hard it works.</summary>
/// <param name="Namespaces">Namespaces whose Systems it reconciles; empty: every namespace.</param>
/// <param name="ArgoNamespace">Where ArgoCD keeps cluster secrets, Applications and ApplicationSets.</param>
/// <param name="Workers">Reconciles running at once (never two for one key).</param>
/// <param name="ResyncPeriod">Every object is queued again this often, whatever the watches say.</param>
/// <param name="DryRun">Observe and plan, report every decision, execute and record nothing.</param>
/// <param name="Instance">This replica's name (the pod name), for Events' reportingInstance and logs.</param>
public sealed record ControllerOptions(
    IReadOnlyList<string> Namespaces,
    string ArgoNamespace,
    int Workers,
    TimeSpan ResyncPeriod,
    bool DryRun,
    string Instance);
