using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using LanguageExt.UnsafeValueAccess;

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
        var notReady = new List<(ClusterSpec Cluster, string Reason)>();
        foreach (var c in spec.Clusters)
        {
            if (!c.RequireReady) continue;
            var reason = NotReadyReason(spec.Name, c, world);
            if (reason.IsSome) notReady.Add((c, reason.ValueUnsafe()));
        }
        if (notReady.Count == 0) return new Result(true, false, "all clusters ready", None);
        var waiting = toSeq(notReady);
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
        var found = world.ArgoCDClusters.Find(name);
        if (found.IsNone) return Some($"argocdcluster/{name} not created yet");
        var o = found.ValueUnsafe();
        return o.Spec.EksClusterName != cluster.Eks.ClusterName
            ? Some($"argocdcluster/{name} is not updated to EKS cluster {cluster.Eks.ClusterName} yet")
            : o.Status.Ready ? None : Some(o.Status.Message);
    }
}
