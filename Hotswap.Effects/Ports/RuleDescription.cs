namespace Hotswap.Effects.Ports;

/// <summary>
/// A rule as DescribeRules returns it. Priority is a string ("default" for the default rule).
/// Conditions are kept as Query-protocol parameters relative to the rule ("Conditions.member.1.Field"):
/// hotswap never sends them back — ModifyRule without Conditions leaves them as they are.
/// </summary>
public sealed record RuleDescription(
    string RuleArn,
    string Priority,
    bool IsDefault,
    Seq<RuleAction> Actions,
    Map<string, string> Conditions = default);
