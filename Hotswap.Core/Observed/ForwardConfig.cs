using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>
/// A forward action's weighted target groups, normalised: sorted by ARN, one entry per ARN.
/// DescribeRules' echo of a single target group as both TargetGroupArn and ForwardConfig, and
/// its default stickiness config, normalise to the same value, so a converged rule compares equal.
/// </summary>
public sealed record ForwardConfig
{
    public Seq<TargetGroupWeight> TargetGroups { get; }

    private ForwardConfig(Seq<TargetGroupWeight> targetGroups) => TargetGroups = targetGroups;

    public static readonly ForwardConfig Empty = new(Seq<TargetGroupWeight>());

    /// <summary>Normalises: merges duplicate ARNs (summing weights) and sorts by ARN (ordinal).</summary>
    public static ForwardConfig Of(IEnumerable<TargetGroupWeight> targetGroups) =>
        new(targetGroups
            .GroupBy(t => t.Arn, StringComparer.Ordinal)
            .Select(g => new TargetGroupWeight(g.Key, g.Sum(t => t.Weight)))
            .OrderBy(t => t.Arn, StringComparer.Ordinal)
            .ToSeq()
            .Strict());

    public int TotalWeight => TargetGroups.Sum(t => t.Weight);

    public int WeightOf(string arn) =>
        TargetGroups.Find(t => t.Arn == arn).Map(t => t.Weight).IfNone(0);

    public override string ToString() =>
        string.Join(", ", TargetGroups.Map(t => $"{t.Arn}={t.Weight}"));
}
