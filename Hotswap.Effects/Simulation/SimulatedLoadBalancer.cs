using System.Globalization;
using Hotswap.Core.Planning;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// ALB listeners and rules in memory. ModifyRule validates like AWS (1..5 target groups, distinct,
/// weights 0..999); DescribeRules pages by NextMarker and echoes a one-target-group forward as AWS
/// does: TargetGroupArn plus a ForwardConfig with weight 1 and default stickiness.
/// </summary>
public sealed class SimulatedLoadBalancer(FaultInjection faults, int pageSize) : ILoadBalancer
{
    private sealed class Rule(string arn, int priority)
    {
        public string Arn { get; } = arn;
        public int Priority { get; } = priority;
        public Seq<TargetGroupTuple> Forward { get; set; }
    }

    private readonly Dictionary<string, List<Rule>> listeners = new(StringComparer.Ordinal);

    /// <summary>ModifyRule calls that changed a rule or were accepted, for tests.</summary>
    public int ModifyRuleCalls { get; private set; }

    /// <summary>Adds a rule with an empty forward action (and the listener with its default rule, if new).</summary>
    public string AddRule(string listenerArn, int priority)
    {
        var rules = listeners.TryGetValue(listenerArn, out var l) ? l : listeners[listenerArn] = [];
        var existing = rules.Find(r => r.Priority == priority);
        if (existing is not null) return existing.Arn;
        var arn = RuleArn(listenerArn, priority.ToString(CultureInfo.InvariantCulture));
        rules.Add(new Rule(arn, priority));
        return arn;
    }

    private static string RuleArn(string listenerArn, string priority) =>
        listenerArn.Replace(":listener/", ":listener-rule/", StringComparison.Ordinal) + "/" + Hashing.Of(listenerArn + "#" + priority);

    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default)
    {
        faults.Aws("DescribeRules");
        if (!listeners.TryGetValue(listenerArn, out var rules))
            throw new PortException(PortErrorKind.NotFound, $"ListenerNotFound: listener {listenerArn} not found");
        var all = rules.OrderBy(r => r.Priority).Select(Describe)
            .Append(new RuleDescription(RuleArn(listenerArn, "default"), "default", true,
                Seq1(new RuleAction("fixed-response", None, None))))
            .ToList();
        var start = marker.Map(m => int.Parse(m, CultureInfo.InvariantCulture)).IfNone(0);
        var page = all.Skip(start).Take(pageSize).ToSeq().Strict();
        var next = start + pageSize < all.Count ? Some((start + pageSize).ToString(CultureInfo.InvariantCulture)) : None;
        return Task.FromResult(new DescribeRulesPage(page, next));
    }

    private static RuleDescription Describe(Rule r)
    {
        var stickiness = Some(new TargetGroupStickinessConfig(false, None));
        var action = r.Forward.Count == 1
            ? new RuleAction("forward", Some(r.Forward.Head.TargetGroupArn),
                Some(new ForwardActionConfig(Seq1(new TargetGroupTuple(r.Forward.Head.TargetGroupArn, Some(1))), stickiness)))
            : new RuleAction("forward", None, Some(new ForwardActionConfig(r.Forward, stickiness)));
        return new RuleDescription(r.Arn, r.Priority.ToString(CultureInfo.InvariantCulture), false, Seq1(action));
    }

    public Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default)
    {
        faults.Aws("ModifyRule");
        var forwards = actions.Filter(a => a.IsForward);
        if (forwards.Count != 1)
            throw new PortException(PortErrorKind.Validation,
                $"ValidationError: this simulated rule takes exactly one forward action (got {forwards.Count})", "ValidationError");
        var targetGroups = forwards.Head.ForwardConfig.Map(c => c.TargetGroups)
            .IfNone(() => forwards.Head.TargetGroupArn.Map(a => Seq1(new TargetGroupTuple(a, None))).IfNone(Seq<TargetGroupTuple>()));
        var rule = listeners.Values.SelectMany(r => r).FirstOrDefault(r => r.Arn == ruleArn)
            ?? throw new PortException(PortErrorKind.NotFound, $"RuleNotFound: rule {ruleArn} not found");
        if (targetGroups.IsEmpty)
            throw new PortException(PortErrorKind.Validation, "ValidationError: a forward action needs at least one target group");
        if (targetGroups.Count > 5)
            throw new PortException(PortErrorKind.Validation,
                $"ValidationError: you cannot specify more than 5 target groups in a forward action (got {targetGroups.Count})");
        if (targetGroups.Map(t => t.TargetGroupArn).Distinct().Count() != targetGroups.Count)
            throw new PortException(PortErrorKind.Validation, "ValidationError: a target group cannot be specified twice");
        foreach (var t in targetGroups.Filter(t => t.Weight.Exists(w => w is < 0 or > 999)))
            throw new PortException(PortErrorKind.Validation,
                $"ValidationError: weight {t.Weight.IfNone(0)} of {t.TargetGroupArn} is not between 0 and 999");
        ModifyRuleCalls++;
        rule.Forward = targetGroups.Map(t => t with { Weight = Some(t.Weight.IfNone(1)) }).Strict();
        return Task.CompletedTask;
    }

    /// <summary>Healthy targets per target group; a target group never set has <see cref="DefaultHealthyTargets"/>.</summary>
    private readonly Dictionary<string, int> healthy = new(StringComparer.Ordinal);

    /// <summary>Healthy targets of a target group nobody set: the simulated clusters serve at once.</summary>
    public int DefaultHealthyTargets { get; set; } = 2;

    /// <summary>Sets how many targets of <paramref name="targetGroupArn"/> report healthy.</summary>
    public void SetHealthyTargets(string targetGroupArn, int count) => healthy[targetGroupArn] = count;

    public Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default)
    {
        faults.Aws("DescribeTargetHealth");
        var n = healthy.TryGetValue(targetGroupArn, out var c) ? c : DefaultHealthyTargets;
        return Task.FromResult(Range(1, n)
            .Map(i => new TargetHealthDescription($"10.0.0.{i}", Some(80), "healthy", "")).ToSeq().Strict());
    }
}
