namespace Hotswap.Effects.Ports;

/// <summary>TargetGroupStickinessConfig; AWS echoes Enabled=false when none was set.</summary>
public sealed record TargetGroupStickinessConfig(bool Enabled, Option<int> DurationSeconds);
