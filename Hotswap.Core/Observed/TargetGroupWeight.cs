namespace Hotswap.Core.Observed;

/// <summary>One target group in a forward action with its weight (ALB: 0..999).</summary>
/// <param name="Arn">The target group's ARN.</param>
/// <param name="Weight">Its share of the rule's traffic, out of the weights' sum (0..999).</param>
public sealed record TargetGroupWeight(string Arn, int Weight);
