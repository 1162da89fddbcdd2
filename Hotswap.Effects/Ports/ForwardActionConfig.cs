namespace Hotswap.Effects.Ports;

/// <summary>ForwardConfig of a forward action: weighted target groups and the stickiness AWS adds by default.</summary>
public sealed record ForwardActionConfig(Seq<TargetGroupTuple> TargetGroups, Option<TargetGroupStickinessConfig> Stickiness);
