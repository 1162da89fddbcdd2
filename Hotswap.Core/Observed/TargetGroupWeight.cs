namespace Hotswap.Core.Observed;

/// <summary>One target group in a forward action with its weight (ALB: 0..999).</summary>
public sealed record TargetGroupWeight(string Arn, int Weight);
