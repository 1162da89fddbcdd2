using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Tests;

/// <summary>An ALB whose ModifyRule on the listed rules fails with <see cref="Error"/>, while <see cref="Failing"/> is true.</summary>
public sealed class FailingLoadBalancer(ILoadBalancer inner, PortException error, params string[] rules) : ILoadBalancer
{
    public bool Failing { get; set; } = true;

    public PortException Error { get; } = error;

    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker) =>
        inner.DescribeRulesAsync(listenerArn, marker);

    public Task ModifyRuleAsync(string ruleArn, Seq<TargetGroupTuple> targetGroups) =>
        Failing && rules.Contains(ruleArn) ? throw Error : inner.ModifyRuleAsync(ruleArn, targetGroups);
}
