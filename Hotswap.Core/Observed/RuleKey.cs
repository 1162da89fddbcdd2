namespace Hotswap.Core.Observed;

/// <summary>A listener rule is named by its listener and its priority (alb.listenerARN + forwardConfig.priority).</summary>
public sealed record RuleKey(string ListenerArn, int Priority)
{
    public override string ToString() => $"{ListenerArn}#{Priority}";
}
