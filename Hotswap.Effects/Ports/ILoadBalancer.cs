namespace Hotswap.Effects.Ports;

/// <summary>The ELBv2 calls hotswap makes, shaped like the SDK client. Calls may throw <see cref="PortException"/>.</summary>
public interface ILoadBalancer
{
    /// <summary>DescribeRules for a listener, one page; pass the previous page's NextMarker to continue.</summary>
    Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker);

    /// <summary>ModifyRule: replace the rule's actions with one forward action to these target groups.</summary>
    Task ModifyRuleAsync(string ruleArn, Seq<TargetGroupTuple> targetGroups);
}
