using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>
/// No application starts shifting until every cluster in the spec is ready, as its ArgoCDCluster
/// reports (status.ready: EKS ACTIVE with endpoint and CA known, and its ArgoCD secret written with
/// that endpoint — <see cref="ArgoCDClusterPlanner"/> is the one place that derives it).
/// <c>requireReady: false</c> skips a cluster; <c>readyTimeout</c> turns a long wait into a failure
/// with a message. Once an application has shifted, only its own clusters matter to it.
/// </summary>
public static class ReadinessGate
{
    public sealed record Result(bool Open, bool TimedOut, string Message, Option<DateTimeOffset> WaitingSince);

    public static Result Evaluate(SystemSpec spec, World world, Option<DateTimeOffset> waitingSince, DateTimeOffset now)
    {
        var waiting = spec.Clusters
            .Filter(c => c.RequireReady)
            .Map(c => (Cluster: c, Reason: NotReadyReason(spec.Name, c, world)))
            .Filter(x => x.Reason.IsSome)
            .Map(x => (x.Cluster, Reason: x.Reason.IfNone("")));
        if (waiting.IsEmpty) return new Result(true, false, "all clusters ready", None);
        var since = waitingSince.IfNone(now);
        var late = waiting.Filter(w => w.Cluster.ReadyTimeout.Exists(t => now - since >= t));
        var list = string.Join("; ", waiting.Map(w => $"{w.Cluster.Name}: {w.Reason}"));
        return late.IsEmpty
            ? new Result(false, false, $"waiting for clusters to become ready: {list}", Some(since))
            : new Result(false, true,
                $"cluster(s) {string.Join(", ", late.Map(l => l.Cluster.Name))} not ready within readyTimeout: {list}",
                Some(since));
    }

    /// <summary>
    /// Why one cluster is not ready, or None: its ArgoCDCluster must exist for this EKS cluster and
    /// report ready.
    /// </summary>
    public static Option<string> NotReadyReason(string system, ClusterSpec cluster, World world)
    {
        var name = Naming.ClusterSecret(system, cluster.Name);
        return world.ArgoCDClusters.Find(name).Match(
            o => o.Spec.EksClusterName != cluster.Eks.ClusterName
                ? Some($"argocdcluster/{name} is not updated to EKS cluster {cluster.Eks.ClusterName} yet")
                : o.Status.Ready ? None : Some(o.Status.Message),
            () => Some($"argocdcluster/{name} not created yet"));
    }
}
