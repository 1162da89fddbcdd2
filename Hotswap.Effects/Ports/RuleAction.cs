namespace Hotswap.Effects.Ports;

/// <summary>
/// A rule action as AWS echoes it: a forward to one target group comes back as both
/// <see cref="TargetGroupArn"/> and a one-entry <see cref="ForwardConfig"/>.
/// </summary>
public sealed record RuleAction(string Type, Option<string> TargetGroupArn, Option<ForwardActionConfig> ForwardConfig);
