namespace Hotswap.Effects.Ports;

/// <summary>ELBv2 with the SDK's retries of throttling and 5xx (see <see cref="RetryPolicy"/>).</summary>
public sealed class RetryingLoadBalancer(ILoadBalancer inner, RetryPolicy policy, PortCalls calls) : ILoadBalancer
{
    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default) =>
        policy.RunAsync("elbv2.DescribeRules", calls, () => inner.DescribeRulesAsync(listenerArn, marker, cancellation));

    public Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default) =>
        policy.RunAsync("elbv2.ModifyRule", calls, () => inner.ModifyRuleAsync(ruleArn, actions, cancellation));

    public Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default) =>
        policy.RunAsync("elbv2.DescribeTargetHealth", calls, () => inner.DescribeTargetHealthAsync(targetGroupArn, cancellation));
}
