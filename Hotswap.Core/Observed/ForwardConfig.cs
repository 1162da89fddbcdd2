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

    private ForwardConfig(Seq<TargetGroupWeight> targetGroups)
    {
        TargetGroups = targetGroups;
        foreach (var t in targetGroups) TotalWeight += t.Weight;
    }

    public static readonly ForwardConfig Empty = new(Seq<TargetGroupWeight>());

    /// <summary>Normalises: merges duplicate ARNs (summing weights) and sorts by ARN (ordinal).</summary>
    public static ForwardConfig Of(IEnumerable<TargetGroupWeight> targetGroups)
    {
        var sorted = targetGroups.ToArray();
        if (!IsSorted(sorted)) System.Array.Sort(sorted, ByArn);
        if (Distinct(sorted)) return new ForwardConfig(toSeq(sorted));
        var merged = new List<TargetGroupWeight>(sorted.Length);
        foreach (var t in sorted)
        {
            if (merged.Count > 0 && merged[^1].Arn == t.Arn)
                merged[^1] = new TargetGroupWeight(t.Arn, merged[^1].Weight + t.Weight);
            else
                merged.Add(t);
        }
        return new ForwardConfig(merged.ToSeq().Strict());
    }

    private static readonly Comparison<TargetGroupWeight> ByArn = (a, b) => string.CompareOrdinal(a.Arn, b.Arn);

    private static bool IsSorted(TargetGroupWeight[] items)
    {
        for (var i = 1; i < items.Length; i++)
            if (string.CompareOrdinal(items[i - 1].Arn, items[i].Arn) > 0) return false;
        return true;
    }

    private static bool Distinct(TargetGroupWeight[] sorted)
    {
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i - 1].Arn == sorted[i].Arn) return false;
        return true;
    }

    /// <summary>The sum of the weights (derived from <see cref="TargetGroups"/>, so equality is unchanged).</summary>
    public int TotalWeight { get; }

    public int WeightOf(string arn)
    {
        foreach (var t in TargetGroups)
            if (t.Arn == arn) return t.Weight;
        return 0;
    }

    public override string ToString() =>
        string.Join(", ", TargetGroups.Map(t => $"{t.Arn}={t.Weight}"));
}
