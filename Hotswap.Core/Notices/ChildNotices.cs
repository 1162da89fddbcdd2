using Hotswap.Core.Children;

namespace Hotswap.Core.Notices;

/// <summary>The Events of a child's reconcile: a Check's failed or inconclusive measurements, an ArgoCDCluster turning (not) ready.</summary>
public static class ChildNotices
{
    /// <summary>
    /// A Warning for each measurement recorded in this reconcile that did not pass, e.g.
    /// <c>Warning MeasurementFailed web: check error-rate: 0.07 is above max 0.05</c>.
    /// </summary>
    public static Seq<Notice> Check(string name, CheckObjectSpec spec, CheckStatus before, CheckStatus after)
    {
        var since = before.Results.LastOrNone().Map(m => m.Time);
        var where = spec.Cluster.Match(c => $"check {spec.Check} on cluster {c}", () => $"check {spec.Check}");
        return after.Results
            .Filter(m => since.ForAll(t => m.Time > t) && m.Outcome != MeasurementOutcome.Passed)
            .Map(m => new Notice("Check", name, true,
                m.Outcome == MeasurementOutcome.Failed ? "MeasurementFailed" : "MeasurementInconclusive",
                $"{spec.Application}: {where}: {m.Message}"));
    }

    /// <summary><c>Normal ClusterReady</c> / <c>Warning ClusterNotReady</c> when readiness flips.</summary>
    public static Seq<Notice> ArgoCDCluster(string name, ArgoCDClusterStatus before, ArgoCDClusterStatus after) =>
        before.Ready == after.Ready
            ? Seq<Notice>()
            : Seq1(after.Ready
                ? new Notice("ArgoCDCluster", name, false, "ClusterReady", $"{name}: {after.Message}")
                : new Notice("ArgoCDCluster", name, true, "ClusterNotReady", $"{name}: {after.Message}"));
}
