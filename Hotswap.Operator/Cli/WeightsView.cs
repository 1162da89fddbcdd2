namespace Hotswap.Operator.Cli;

/// <summary>An application's listener rule: its target groups and their weights.</summary>
/// <param name="Priority">alb.forwardConfig.priority, when the spec says.</param>
/// <param name="Total">The weights' sum.</param>
/// <param name="TargetGroups">In the order the rule keeps them (by ARN).</param>
public sealed record WeightsView(int? Priority, int Total, IReadOnlyList<TargetGroupView> TargetGroups);
