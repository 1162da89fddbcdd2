namespace Hotswap.Effects.Ports;

/// <summary>
/// The actions ModifyRule sends when hotswap moves weights: the rule's actions as read, with only
/// the forward action replaced. Authenticate actions before it keep their order and settings; the
/// forward action keeps its Order and its TargetGroupStickinessConfig.
/// </summary>
public static class RuleActions
{
    /// <summary>
    /// <paramref name="current"/> with its forward action's target groups set to <paramref name="targetGroups"/>;
    /// a rule without a forward action gets one, ordered after its other actions.
    /// Example: [authenticate-oidc(1), forward(2, [a:50, b:50])] + [a:40, b:60] →
    /// [authenticate-oidc(1), forward(2, [a:40, b:60])].
    /// </summary>
    public static Seq<RuleAction> WithForward(Seq<RuleAction> current, Seq<TargetGroupTuple> targetGroups)
    {
        var forward = current.Find(a => a.IsForward);
        var kept = current.Filter(a => !IsTerminal(a));
        var replaced = forward.Match(
            f => new RuleAction("forward", None,
                Some(new ForwardActionConfig(targetGroups, f.ForwardConfig.Bind(c => c.Stickiness))), f.Order),
            () => new RuleAction("forward", None, Some(new ForwardActionConfig(targetGroups, None)),
                kept.IsEmpty ? None : Some(kept.Choose(a => a.Order).Fold(0, Math.Max) + 1)));
        return forward.IsSome
            ? current.Map(a => a.IsForward ? replaced : a)
            : kept.Add(replaced);
    }

    /// <summary>A single forward action, for a rule that had none to keep.</summary>
    public static Seq<RuleAction> Forward(Seq<TargetGroupTuple> targetGroups) =>
        WithForward(Seq<RuleAction>(), targetGroups);

    /// <summary>Actions that end a rule; a forward action replaces them.</summary>
    private static bool IsTerminal(RuleAction a) =>
        a.Type is "fixed-response" or "redirect" or "forward";
}
