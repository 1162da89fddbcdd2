namespace Hotswap.Core.Spec;

/// <summary>applications[].alb: the listener rule (listener + priority) whose forward action hotswap owns.</summary>
/// <param name="ListenerArn">alb.listenerARN.</param>
/// <param name="Priority">alb.forwardConfig.priority: identifies the rule on the listener.</param>
/// <param name="TargetGroup">Where each cluster's target group ARN comes from.</param>
/// <param name="StepWeight">Weight moved per step (alb.updateStrategy.stepWeight).</param>
/// <param name="TotalWeight">Sum of all forward weights (alb.updateStrategy.totalWeight).</param>
public sealed record AlbSpec(
    string ListenerArn,
    int Priority,
    TargetGroupSource TargetGroup,
    int StepWeight,
    int TotalWeight)
{
    public const int DefaultMinHealthyTargets = 1;

    /// <summary>
    /// alb.minHealthyTargets: healthy targets (DescribeTargetHealth) each new target group needs
    /// before the first weight moves to it; 0 turns the gate off.
    /// </summary>
    public int MinHealthyTargets { get; init; } = DefaultMinHealthyTargets;
}
