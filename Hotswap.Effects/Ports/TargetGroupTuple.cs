namespace Hotswap.Effects.Ports;

/// <summary>TargetGroupTuple: an ARN and an optional weight (0..999).</summary>
public sealed record TargetGroupTuple(string TargetGroupArn, Option<int> Weight);
