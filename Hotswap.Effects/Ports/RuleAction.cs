namespace Hotswap.Effects.Ports;

/// <summary>
/// A rule action as AWS echoes it: a forward to one target group comes back as both
/// <see cref="TargetGroupArn"/> and a one-entry <see cref="ForwardConfig"/>. Everything else the
/// action carries (AuthenticateOidcConfig, RedirectConfig, FixedResponseConfig, ...) is kept in
/// <see cref="OtherFields"/> as Query-protocol parameters relative to the action
/// ("AuthenticateOidcConfig.Issuer", "AuthenticateOidcConfig.AuthenticationRequestExtraParams.entry.1.key"),
/// so ModifyRule can send it back exactly as it was read.
/// </summary>
public sealed record RuleAction(
    string Type,
    Option<string> TargetGroupArn,
    Option<ForwardActionConfig> ForwardConfig,
    Option<int> Order = default,
    Map<string, string> OtherFields = default)
{
    public bool IsForward => string.Equals(Type, "forward", StringComparison.OrdinalIgnoreCase);
}
