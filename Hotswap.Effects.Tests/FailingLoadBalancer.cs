using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Tests;

/// <summary>An ALB whose ModifyRule on the listed rules fails with <see cref="Error"/>, while <see cref="Failing"/> is true.</summary>
public sealed class FailingLoadBalancer(ILoadBalancer inner, PortException error, params string[] rules) : ILoadBalancer
{
    public bool Failing { get; set; } = true;

    public PortException Error { get; } = error;

    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default) =>
        inner.DescribeRulesAsync(listenerArn, marker, cancellation);

    public Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default) =>
        Failing && rules.Contains(ruleArn) ? throw Error : inner.ModifyRuleAsync(ruleArn, actions, cancellation);

    public Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default) =>
        inner.DescribeTargetHealthAsync(targetGroupArn, cancellation);
}
