using Hotswap.Core.Children;
using Hotswap.Core.Notices;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// ArgoCDCluster's reconcile: describe its EKS cluster, read its secret, <see cref="ArgoCDClusterPlanner"/>,
/// write the secret, record. When DescribeCluster fails (after retries) nothing is planned: the
/// status keeps what was last known and says why it could not look (Degraded, ObservationFailed).
/// </summary>
public sealed class ArgoCDClusterReconciler
{
    /// <summary>How soon to look again after DescribeCluster failed.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);

    private readonly ChildReconciler<ArgoCDClusterSpec, ArgoCDClusterStatus> inner;

    public ArgoCDClusterReconciler(PortSet ports, Observer observer, Interpreter interpreter, Recorder recorder) =>
        inner = new(ObjectKind.ArgoCDCluster, observer.ObserveArgoCDClusterAsync, Plan, Settle, s => s.System,
            ports.Kubernetes.ArgoCDClusters, "k8s.UpdateArgoCDClusterStatus", interpreter, recorder,
            (name, c, status) => ChildNotices.ArgoCDCluster(name, c.Object.Status, status));

    public Task<Reconciled<ArgoCDClusterStatus>> ReconcileAsync(
        string name, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default) =>
        inner.ReconcileAsync(name, now, hooks, cancellation);

    private static Option<string> Unobserved(ChildObservation<ArgoCDClusterSpec, ArgoCDClusterStatus> c) =>
        c.World.Unreadable.Find(World.EksKey(c.Object.Spec.EksClusterName))
            .Map(why => $"could not describe EKS cluster {c.Object.Spec.EksClusterName}: {why}");

    private static Decision<ArgoCDClusterStatus> Plan(ChildObservation<ArgoCDClusterSpec, ArgoCDClusterStatus> c, DateTimeOffset now) =>
        Unobserved(c).IsSome
            ? new(Seq<Command>(), c.Object.Status, Some(Recheck))
            : ArgoCDClusterPlanner.Plan(c.Object.Spec, c.World, c.Object.Status, now);

    private static ArgoCDClusterStatus Settle(
        ChildObservation<ArgoCDClusterSpec, ArgoCDClusterStatus> c, Decision<ArgoCDClusterStatus> d, Seq<Outcome> outcomes,
        Option<CommandFailure> failure, DateTimeOffset now) =>
        FailureReport.ArgoCDCluster(d.Status, c.Object.Status, c.Object.Generation, failure, now, Unobserved(c));
}
