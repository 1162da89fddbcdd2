namespace Hotswap.Effects.Ports;

/// <summary>The ELBv2 calls hotswap makes, shaped like the SDK client. Calls may throw <see cref="PortException"/>.</summary>
public interface ILoadBalancer
{
    /// <summary>DescribeRules for a listener, one page; pass the previous page's NextMarker to continue.</summary>
    Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default);

    /// <summary>
    /// ModifyRule with these actions (all of them: AWS replaces the rule's action list) and no
    /// conditions (AWS keeps the rule's conditions). Build the list with <see cref="RuleActions.WithForward"/>.
    /// </summary>
    Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default);

    /// <summary>DescribeTargetHealth for every registered target of one target group; TargetGroupNotFound as NotFound.</summary>
    Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default);
}
