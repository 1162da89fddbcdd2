namespace Hotswap.Effects.Ports;

/// <summary>One page of DescribeRules; NextMarker is None on the last page.</summary>
public sealed record DescribeRulesPage(Seq<RuleDescription> Rules, Option<string> NextMarker);
