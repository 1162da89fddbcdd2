namespace Hotswap.Effects.Simulation;

/// <summary>
/// A scenario's change to the ArgoCD Application that an application's ApplicationSet generated
/// for one cluster: its health or sync status is overridden, or it is missing altogether.
/// <para>Example: <c>new ApplicationFault("web", "mycluster-web-1-v2", Health: "Degraded", When: new(FromStep: 3))</c>.</para>
/// </summary>
/// <param name="Application">The System's application name (its ApplicationSets are the ones it selects).</param>
/// <param name="Cluster">The System cluster name (or EKS cluster name) of the Application's destination.</param>
/// <param name="Health">status.health.status while in effect (Degraded, Progressing, Missing, …); null: unchanged.</param>
/// <param name="Sync">status.sync.status while in effect (OutOfSync, Unknown); null: unchanged.</param>
/// <param name="Missing">The Application does not exist while in effect.</param>
/// <param name="When">When it is in effect.</param>
public sealed record ApplicationFault(
    string Application,
    string Cluster,
    string? Health = null,
    string? Sync = null,
    bool Missing = false,
    FaultWindow? When = null);
