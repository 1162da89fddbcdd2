namespace Hotswap.Effects.Ports;

/// <summary>ELBv2 with the SDK's retries of throttling and 5xx (see <see cref="RetryPolicy"/>).</summary>
public sealed class RetryingLoadBalancer(ILoadBalancer inner, RetryPolicy policy, PortCalls calls) : ILoadBalancer
{
    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker) =>
        policy.RunAsync("elbv2.DescribeRules", calls, () => inner.DescribeRulesAsync(listenerArn, marker));

    public Task ModifyRuleAsync(string ruleArn, Seq<TargetGroupTuple> targetGroups) =>
        policy.RunAsync("elbv2.ModifyRule", calls, () => inner.ModifyRuleAsync(ruleArn, targetGroups));
}
