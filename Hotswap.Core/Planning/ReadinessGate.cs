using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>
/// No application migrates until every cluster in the spec is ready: EKS ACTIVE with endpoint and
/// CA known, and its ArgoCD secret written with that endpoint. <c>requireReady: false</c> skips a
/// cluster; <c>readyTimeout</c> turns a long wait into a failure with a message.
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

    /// <summary>Why one cluster is not ready, or None.</summary>
    public static Option<string> NotReadyReason(string system, ClusterSpec cluster, World world) =>
        world.EksClusters.Find(cluster.Eks.ClusterName).Match(
            eks => !eks.IsReady
                ? Some($"EKS cluster {eks.Name} is {eks.State.ToString().ToUpperInvariant()}" +
                       (eks.State == EksClusterState.Active ? " without endpoint or CA yet" : ""))
                : world.ClusterSecrets.Find(Naming.ClusterSecret(system, cluster.Name)).Match(
                    s => eks.Endpoint.Exists(e => e == s.Server)
                        ? None
                        : Some($"ArgoCD secret {s.Name} points at {s.Server}, not the EKS endpoint yet"),
                    () => Some($"ArgoCD secret {Naming.ClusterSecret(system, cluster.Name)} not written yet")),
            () => Some($"EKS cluster {cluster.Eks.ClusterName} not found"));
}
