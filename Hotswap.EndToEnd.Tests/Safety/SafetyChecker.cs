namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>
/// DESIGN.md's safety invariants, stated again over what the servers recorded, without any of
/// hotswap's code: replays the history (forward configurations the listener rules held, cluster
/// secrets and Applications as stored) and names every point where an invariant did not hold.
/// <list type="bullet">
/// <item>every forward configuration: weights in 0..999 summing to totalWeight, at most 5 target
/// groups, only the application's target groups, weight only on clusters that are members of the
/// application's set with a Synced and Healthy Application at that moment;</item>
/// <item>the new side's share moves forward at most stepWeight per write and always sits on the
/// schedule min(k·stepWeight, totalWeight); moving back (rollback) may take any size;</item>
/// <item>a cluster leaves the set only when its target group carries 0 weight, and an old one only
/// once the new side carries all of it (CreateBeforeDelete); no foreign cluster joins.</item>
/// </list>
/// </summary>
public sealed class SafetyChecker(IReadOnlyList<ApplicationModel> applications)
{
    private sealed record Secret(string ClusterName, IReadOnlyDictionary<string, string> Labels);

    private sealed class Replay
    {
        public readonly Dictionary<string, IReadOnlyList<TargetGroupWeight>> Rules = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Secret> Secrets = new(StringComparer.Ordinal);
        public readonly Dictionary<string, (string Destination, bool Ready)> Applications = new(StringComparer.Ordinal);
    }

    /// <summary>Every violation along the history, in order; empty when the history is safe.</summary>
    public IReadOnlyList<Violation> Check(IReadOnlyList<HistoryEvent> history) => Run(history).Violations;

    /// <summary>
    /// <see cref="Check"/>, then the end state: all weight on the new side, the new clusters members
    /// and the old ones not (<paramref name="toNew"/>), or the rule and members as they started (otherwise).
    /// </summary>
    public IReadOnlyList<Violation> CheckConverged(IReadOnlyList<HistoryEvent> history, bool toNew = true)
    {
        var (violations, replay) = Run(history);
        var all = violations.ToList();
        foreach (var app in applications) all.AddRange(EndState(app, replay, toNew));
        return all;
    }

    private (List<Violation> Violations, Replay Replay) Run(IReadOnlyList<HistoryEvent> history)
    {
        var replay = new Replay();
        foreach (var app in applications) replay.Rules[app.RuleArn] = app.InitialForward;
        var violations = new List<Violation>();
        for (var i = 0; i < history.Count; i++)
        {
            switch (history[i])
            {
                case HistoryEvent.RuleWritten w:
                    violations.AddRange(RuleWrite(i, w, replay));
                    replay.Rules[w.RuleArn] = w.TargetGroups;
                    break;
                case HistoryEvent.SecretWritten s:
                    violations.AddRange(MembershipChange(i, s.Name, s.Labels, replay));
                    replay.Secrets[s.Name] = new Secret(s.ClusterName, s.Labels);
                    break;
                case HistoryEvent.SecretDeleted d:
                    violations.AddRange(MembershipChange(i, d.Name, new Dictionary<string, string>(), replay));
                    replay.Secrets.Remove(d.Name);
                    break;
                case HistoryEvent.ApplicationWritten a:
                    replay.Applications[a.Name] = (a.Destination, a.SyncedAndHealthy);
                    break;
                case HistoryEvent.ApplicationDeleted a:
                    replay.Applications.Remove(a.Name);
                    break;
            }
        }
        return (violations, replay);
    }

    private IEnumerable<Violation> RuleWrite(int at, HistoryEvent.RuleWritten write, Replay replay)
    {
        var app = applications.FirstOrDefault(a => a.RuleArn == write.RuleArn);
        if (app is null)
        {
            yield return new Violation(Invariant.KnownRule, at, $"{write} changes a rule no application owns");
            yield break;
        }
        var weights = Weights(app, write.TargetGroups);
        string Where() => $"{app.Name}: {write}";
        if (write.TargetGroups.Count > 1 && write.TargetGroups.Any(t => t.Weight is null))
            yield return new Violation(Invariant.WeightInRange, at, $"{Where()} leaves a weight unstated");
        if (weights.Any(w => w.Weight is < 0 or > 999))
            yield return new Violation(Invariant.WeightInRange, at, $"{Where()} has a weight outside 0..999");
        if (weights.Sum(w => w.Weight) != app.TotalWeight)
            yield return new Violation(Invariant.WeightsSumToTotal, at, $"{Where()} sums to {weights.Sum(w => w.Weight)}, not {app.TotalWeight}");
        if (weights.Count > 5)
            yield return new Violation(Invariant.AtMostFiveTargetGroups, at, $"{Where()} has {weights.Count} target groups");
        foreach (var (arn, weight) in weights)
        {
            var cluster = app.Clusters.FirstOrDefault(c => c.TargetGroupArn == arn);
            if (cluster is null)
            {
                yield return new Violation(Invariant.KnownTargetGroup, at, $"{Where()} names {arn}, which fronts none of its clusters");
                continue;
            }
            if (weight <= 0) continue;
            if (!IsMember(app, cluster, replay))
                yield return new Violation(Invariant.WeightOnlyOnMembers, at, $"{Where()} puts {weight} on {cluster.SecretName}, not a member of the set");
            else if (!IsDeployed(cluster, replay))
                yield return new Violation(Invariant.WeightOnlyOnDeployed, at, $"{Where()} puts {weight} on {cluster.SecretName}, which has no Synced and Healthy Application");
        }
        var before = NewShare(app, replay.Rules[app.RuleArn]);
        var after = NewShare(app, write.TargetGroups);
        if (after - before > app.StepWeight)
            yield return new Violation(Invariant.StepAtMostStepWeight, at, $"{Where()} moves the new side from {before} to {after}, more than {app.StepWeight}");
        if (after != app.TotalWeight && after % app.StepWeight != 0)
            yield return new Violation(Invariant.ShareOnSchedule, at, $"{Where()} gives the new side {after}, not a multiple of {app.StepWeight} nor {app.TotalWeight}");
    }

    private IEnumerable<Violation> MembershipChange(int at, string secret, IReadOnlyDictionary<string, string> labels, Replay replay)
    {
        foreach (var app in applications)
        {
            var was = replay.Secrets.TryGetValue(secret, out var old) && Matches(app, old.Labels);
            var now = Matches(app, labels);
            var cluster = app.Clusters.FirstOrDefault(c => c.SecretName == secret);
            if (now && !was && cluster is null)
                yield return new Violation(Invariant.MembersOnlyFromTheApplication, at, $"{app.Name}: {secret} joined the set but is none of its clusters");
            if (!was || now || cluster is null) continue;
            var forward = Weights(app, replay.Rules[app.RuleArn]);
            var carried = forward.Where(w => w.Arn == cluster.TargetGroupArn).Sum(w => w.Weight);
            if (carried > 0)
                yield return new Violation(Invariant.LeaveOnlyAtZeroWeight, at, $"{app.Name}: {secret} left the set carrying {carried}");
            var share = NewShare(app, replay.Rules[app.RuleArn]);
            if (cluster.Side == Side.Old && share != app.TotalWeight)
                yield return new Violation(Invariant.OldLeavesOnlyWhenFullyNew, at, $"{app.Name}: old {secret} left with the new side at {share} of {app.TotalWeight}");
        }
    }

    private static IEnumerable<Violation> EndState(ApplicationModel app, Replay replay, bool toNew)
    {
        var forward = Weights(app, replay.Rules[app.RuleArn]).Where(w => w.Weight > 0).OrderBy(w => w.Arn, StringComparer.Ordinal).ToList();
        var members = app.Clusters.Where(c => IsMember(app, c, replay)).Select(c => c.SecretName).Order(StringComparer.Ordinal).ToList();
        if (toNew)
        {
            var share = NewShare(app, replay.Rules[app.RuleArn]);
            var expected = app.Clusters.Where(c => c.Side == Side.New).Select(c => c.SecretName).Order(StringComparer.Ordinal).ToList();
            if (share != app.TotalWeight || !members.SequenceEqual(expected))
                yield return new Violation(Invariant.ConvergedToNew, -1,
                    $"{app.Name}: ended with the new side at {share} of {app.TotalWeight} and members [{string.Join(", ", members)}], not [{string.Join(", ", expected)}]");
        }
        else
        {
            var initial = Weights(app, app.InitialForward).Where(w => w.Weight > 0).OrderBy(w => w.Arn, StringComparer.Ordinal).ToList();
            var expected = app.Clusters.Where(c => c.Side == Side.Old).Select(c => c.SecretName).Order(StringComparer.Ordinal).ToList();
            if (!forward.SequenceEqual(initial) || !members.SequenceEqual(expected))
                yield return new Violation(Invariant.ConvergedToOld, -1,
                    $"{app.Name}: ended with [{string.Join(", ", forward)}] and members [{string.Join(", ", members)}], not the start");
        }
    }

    /// <summary>The weights as ALB applies them: a lone target group without a weight takes all the traffic.</summary>
    private static List<(string Arn, int Weight)> Weights(ApplicationModel app, IReadOnlyList<TargetGroupWeight> forward) =>
        forward.Count == 1 && forward[0].Weight is null
            ? [(forward[0].Arn, app.TotalWeight)]
            : forward.Select(t => (t.Arn, t.Weight ?? 0)).ToList();

    private static int NewShare(ApplicationModel app, IReadOnlyList<TargetGroupWeight> forward) =>
        Weights(app, forward).Where(w => app.Clusters.Any(c => c.Side == Side.New && c.TargetGroupArn == w.Arn)).Sum(w => w.Weight);

    private static bool Matches(ApplicationModel app, IReadOnlyDictionary<string, string> labels) =>
        app.MembershipLabels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);

    private static bool IsMember(ApplicationModel app, ClusterModel cluster, Replay replay) =>
        replay.Secrets.TryGetValue(cluster.SecretName, out var s) && Matches(app, s.Labels);

    private static bool IsDeployed(ClusterModel cluster, Replay replay) =>
        replay.Secrets.TryGetValue(cluster.SecretName, out var s)
        && replay.Applications.Values.Any(a => a.Destination == s.ClusterName && a.Ready);
}
