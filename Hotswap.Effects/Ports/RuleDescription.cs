namespace Hotswap.Effects.Ports;

/// <summary>A rule as DescribeRules returns it. Priority is a string ("default" for the default rule).</summary>
public sealed record RuleDescription(string RuleArn, string Priority, bool IsDefault, Seq<RuleAction> Actions);
