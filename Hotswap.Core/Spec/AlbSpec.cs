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
    int TotalWeight);
