using Hotswap.Core.Children;
using Hotswap.Core.Controls;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;
using LanguageExt;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Puts together what <c>hotswap get</c> shows from what was read: the System, its children
/// (ArgoCDClusters, ArgoCDApplicationDeployments, Checks) and the Events about them. Reads
/// nothing itself and depends on no clock, so the same objects give the same view.
/// </summary>
public static class SystemViews
{
    /// <summary>How many of the newest Events are shown.</summary>
    public const int RecentEvents = 15;

    public static SystemView Of(
        StoredSystem system,
        IReadOnlyList<StoredObject<ArgoCDClusterSpec, ArgoCDClusterStatus>> clusters,
        IReadOnlyList<StoredObject<ApplicationDeploymentSpec, ApplicationDeploymentStatus>> deployments,
        IReadOnlyList<StoredObject<CheckObjectSpec, CheckStatus>> checks,
        IEnumerable<EventObject> events,
        IReadOnlyList<string> problems)
    {
        var status = system.Status;
        var controls = system.Controls;
        var applications = system.ApplicationNames
            .Select(name => Application(name, system, controls, clusters, deployments, checks))
            .ToList();
        var regarding = new System.Collections.Generic.HashSet<(string, string)>(
            [("System", system.Name),
             .. clusters.Select(c => ("ArgoCDCluster", c.Name)),
             .. deployments.Select(d => ("ArgoCDApplicationDeployment", d.Name)),
             .. checks.Select(c => ("Check", c.Name))]);
        var recent = events.Where(e => regarding.Contains((e.Kind, e.Name)))
            .OrderBy(e => e.LastTime).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Reason, StringComparer.Ordinal).ThenBy(e => e.Note, StringComparer.Ordinal)
            .TakeLast(RecentEvents).ToList();
        return new SystemView(
            system.Namespace,
            system.Name,
            system.Generation,
            status?.ObservedGeneration,
            status?.Phase.ToString() ?? "Unknown",
            status?.Message ?? "not reconciled yet: the operator has not written a status",
            status?.Progress ?? "",
            status is null ? [] : [.. status.Conditions],
            status?.LastFailure.MatchUnsafe(f => f.ToString(), () => null),
            system.DeletionTimestamp,
            [.. system.Problems, .. problems, .. controls.Malformed.Map(m => $"annotation {m}")],
            applications,
            recent);
    }

    private static ApplicationView Application(
        string name,
        StoredSystem system,
        ManualControls controls,
        IReadOnlyList<StoredObject<ArgoCDClusterSpec, ArgoCDClusterStatus>> clusters,
        IReadOnlyList<StoredObject<ApplicationDeploymentSpec, ApplicationDeploymentStatus>> deployments,
        IReadOnlyList<StoredObject<CheckObjectSpec, CheckStatus>> checks)
    {
        var a = system.Application(name);
        var spec = system.Spec?.Applications.Find(x => x.Name == name).MatchUnsafe(x => x, () => null);
        var handled = system.RequestsHandledAt.TryGetValue(name, out var h) ? Prelude.Some(h) : Option<DateTimeOffset>.None;
        var requests = controls.Pending(name, handled).Map(Request).ToList();
        var weights = a?.Weights.MatchUnsafe(
            f => new WeightsView(
                spec?.Alb.MatchUnsafe(x => (int?)x.Priority, () => null),
                f.TotalWeight,
                [.. f.TargetGroups.Map(t => new TargetGroupView(TargetGroupName(t.Arn, spec, system.Spec, clusters), t.Arn, t.Weight))]),
            () => null);
        return new ApplicationView(
            name,
            a?.Phase.ToString() ?? "Unknown",
            a?.Message ?? "",
            a?.Step ?? 0,
            a?.Steps ?? 0,
            a?.WaitingFor ?? "",
            a?.WaitingSince.MatchUnsafe(t => (DateTimeOffset?)t, () => null),
            a?.LastFailure.MatchUnsafe(f => f.ToString(), () => null),
            controls.IsPaused(name),
            requests,
            weights,
            [.. checks.Where(c => c.Spec.Application == name).OrderBy(c => c.Name, StringComparer.Ordinal).Select(Check)],
            deployments.FirstOrDefault(d => d.Spec.Application == name) is { } d ? Members(d, clusters) : null);
    }

    private static RequestView Request(ControlRequest r) => r switch
    {
        ControlRequest.Abort => new RequestView("abort", r.At, ""),
        ControlRequest.Retry => new RequestView("retry", r.At, ""),
        ControlRequest.Promote p => new RequestView("promote", r.At, p.Step.Match(k => $"step {k}", () => "every remaining step")),
        _ => new RequestView(r.GetType().Name.ToLowerInvariant(), r.At, ""),
    };

    /// <summary>
    /// The cluster that fronts a target group: with arnFromLabel, the cluster whose label holds the
    /// ARN (old clusters are known from their ArgoCDCluster objects, new ones from the spec too);
    /// otherwise the short ARN ("targetgroup/web-1-v2"), marked "(shared)" for alb's single arn.
    /// </summary>
    public static string TargetGroupName(
        string arn, ApplicationSpec? application, SystemSpec? spec,
        IReadOnlyList<StoredObject<ArgoCDClusterSpec, ArgoCDClusterStatus>> clusters)
    {
        var source = application?.Alb.MatchUnsafe(x => x.TargetGroup, () => null);
        var fronting = source is TargetGroupSource.FromLabel label
            ? clusters.Where(c => c.Spec.Labels.Find(label.Key).Exists(v => v == arn)).Select(c => c.Spec.Cluster)
                .Concat(spec?.Clusters.Filter(c => c.Labels.Find(label.Key).Exists(v => v == arn)).Map(c => c.Name) ?? [])
                .Distinct().Order(StringComparer.Ordinal).ToList()
            : [];
        if (fronting.Count > 0) return string.Join(",", fronting);
        var shortArn = Arns.Shorten(arn);
        return source is TargetGroupSource.SharedArn ? $"{shortArn} (shared)" : shortArn;
    }

    private static CheckView Check(StoredObject<CheckObjectSpec, CheckStatus> c)
    {
        var newest = c.Status.Results.LastOrNone();
        var result = newest.Match(
            m => m.Outcome switch
            {
                MeasurementOutcome.Passed => "passed",
                MeasurementOutcome.Failed => "failed",
                _ => "inconclusive",
            },
            () => c.Status.LastPassed.Match(p => p ? "passed" : "failed", () => "not measured"));
        return new CheckView(
            c.Name,
            c.Spec.Check,
            c.Spec.Cluster.MatchUnsafe(x => x, () => null),
            c.Spec.Suspended,
            result,
            newest.Bind(m => m.Value).MatchUnsafe(v => (double?)v, () => null),
            c.Status.LastRunTime.MatchUnsafe(t => (DateTimeOffset?)t, () => null),
            c.Spec.Min.MatchUnsafe(v => (double?)v, () => null),
            c.Spec.Max.MatchUnsafe(v => (double?)v, () => null),
            c.Status.Message,
            c.Status.Results.Count(m => m.Outcome == MeasurementOutcome.Passed),
            c.Status.Results.Count(m => m.Outcome == MeasurementOutcome.Failed),
            c.Status.Results.Count(m => m.Outcome == MeasurementOutcome.Inconclusive));
    }

    private static MembersView Members(
        StoredObject<ApplicationDeploymentSpec, ApplicationDeploymentStatus> d,
        IReadOnlyList<StoredObject<ArgoCDClusterSpec, ArgoCDClusterStatus>> clusters)
    {
        string ClusterOf(string secret) =>
            clusters.FirstOrDefault(c => c.Spec.Name == secret)?.Spec.Cluster ?? secret;
        var wanted = d.Spec.ClusterNames;
        var members = d.Status.Members;
        var all = members.Concat(wanted).Distinct()
            .Select(secret => new MemberView(
                ClusterOf(secret),
                d.Status.Deployed.Contains(secret),
                !members.Contains(secret) ? "joining" : !wanted.Contains(secret) ? "leaving" : ""))
            .OrderBy(m => m.Cluster, StringComparer.Ordinal)
            .ToList();
        return new MembersView(d.Spec.ClusterSecret.Name, d.Status.Phase, d.Status.Message, all);
    }
}
