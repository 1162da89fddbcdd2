namespace Hotswap.Core.Observed;

/// <summary>A listener rule's forward action, normalised by the observer (see <see cref="ForwardConfig"/>).</summary>
public sealed record ListenerRule(RuleKey Key, string RuleArn, ForwardConfig Forward);
