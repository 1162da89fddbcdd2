using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Validation;

public static partial class SystemValidation
{
    /// <summary>
    /// Joining a membership set writes its labels on the cluster's secret; two sets writing
    /// different values under one key on one cluster would overwrite each other.
    /// </summary>
    public static Validation<SpecError, Unit> MembershipLabelsDoNotConflict(SystemSpec spec)
    {
        var apps = Apps(spec).ToList();
        var conflicts =
            from c in spec.Clusters
            let members = apps.Where(a => a.App.ClusterSelector.Matches(c.Labels)).ToList()
            from i in Enumerable.Range(0, members.Count)
            from j in Enumerable.Range(i + 1, members.Count - i - 1)
            let a = members[i]
            let b = members[j]
            where a.App.ArgoCd.ClusterSecret.Name != b.App.ArgoCd.ClusterSecret.Name
            from kv in a.App.ArgoCd.ClusterSecret.Labels.AsEnumerable()
            from other in b.App.ArgoCd.ClusterSecret.Labels.Find(kv.Key).ToSeq()
            where other != kv.Value
            select new SpecError("label-conflict", $"{b.Path}.argocd.clusterSecret.labels",
                $"applications \"{a.App.Name}\" and \"{b.App.Name}\" both select cluster \"{c.Name}\" but their clusterSecret.labels set \"{kv.Key}\" to different values (\"{kv.Value}\" vs \"{other}\")");
        return Report(conflicts);
    }

    /// <summary>One clusterSecret name is one membership set, so every use must agree on its labels.</summary>
    public static Validation<SpecError, Unit> SharedClusterSecretsAgree(SystemSpec spec) =>
        Report(Apps(spec)
            .GroupBy(a => a.App.ArgoCd.ClusterSecret.Name, StringComparer.Ordinal)
            .SelectMany(g => g.Skip(1)
                .Where(a => a.App.ArgoCd.ClusterSecret.Labels != g.First().App.ArgoCd.ClusterSecret.Labels)
                .Select(a => new SpecError("cluster-secret-mismatch", $"{a.Path}.argocd.clusterSecret.labels",
                    $"applications \"{g.First().App.Name}\" and \"{a.App.Name}\" share clusterSecret \"{g.Key}\" but with different labels ({Show(g.First().App.ArgoCd.ClusterSecret.Labels)} vs {Show(a.App.ArgoCd.ClusterSecret.Labels)})"))));

    public static Validation<SpecError, Unit> ApplicationSetIsNameOrSelector(SystemSpec spec) =>
        Report(Apps(spec)
            .Select(a => (a.App, a.Path, HasName: a.App.ArgoCd.ApplicationSet.Name.Exists(n => n.Length > 0),
                HasSelector: !a.App.ArgoCd.ApplicationSet.Selector.IsEmpty))
            .Where(a => a.HasName == a.HasSelector)
            .Select(a => new SpecError("application-set-ref", $"{a.Path}.argocd.applicationSet",
                $"application \"{a.App.Name}\": argocd.applicationSet needs exactly one of name or selector, got " +
                (a.HasName ? "both" : "neither"))));

    public static Validation<SpecError, Unit> ReadyTimeoutsArePositive(SystemSpec spec) =>
        Report(Clusters(spec)
            .Where(c => c.Cluster.ReadyTimeout.Exists(t => t <= TimeSpan.Zero))
            .Select(c => new SpecError("ready-timeout-not-positive", $"{c.Path}.readyTimeout",
                $"cluster \"{c.Cluster.Name}\": readyTimeout must be greater than 0, got {c.Cluster.ReadyTimeout.IfNone(TimeSpan.Zero)}; omit it to wait without a limit")));

    public static Validation<SpecError, Unit> RollbackDelayIsNotNegative(SystemSpec spec) =>
        spec.Rollback.Delay < TimeSpan.Zero
            ? Fail<SpecError, Unit>(new SpecError("rollback-delay-negative", "spec.rollback.delay",
                $"rollback delay must be 0 or more, got {spec.Rollback.Delay}"))
            : Success<SpecError, Unit>(unit);
}
