using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>
/// The forward configs of a canary, step by step. At step k of N = ceil(total / step), the new
/// side holds min(k·step, total) and the old side the rest; each side's share is split across its
/// target groups by <see cref="Apportionment.Split"/> (new side evenly, in cluster-name order; old
/// side in proportion to its saved weights). Old target groups leave the config at step N, when
/// their share has reached 0; new ones enter at step 1.
/// <para>Example: total 100, step 33, old (a, b, c) evenly, new (x, y): N = 4;
/// step 1 → x 17, y 16, a 23, b 22, c 22; step 3 → x 50, y 49, a 1, b 0, c 0;
/// step 4 → x 50, y 50.</para>
/// </summary>
/// <param name="Old">Old target groups with their saved weights, in tie-break order.</param>
/// <param name="New">New target group ARNs in cluster-name order.</param>
/// <param name="StepWeight">Weight moved per step.</param>
/// <param name="TotalWeight">Sum of all weights at every step.</param>
public sealed record WeightSchedule(Seq<TargetGroupWeight> Old, Seq<string> New, int StepWeight, int TotalWeight)
{
    /// <summary>Old target groups that are not also new, in tie-break order.</summary>
    public Seq<TargetGroupWeight> OldOnly { get; } = Old.Filter(o => !New.Contains(o.Arn)).Strict();

    /// <summary>
    /// N = ceil(total / step). With no old side there is nothing to shift from: one step, from
    /// nothing to everything on the new side.
    /// </summary>
    public int Steps => OldOnly.IsEmpty ? 1 : (TotalWeight + StepWeight - 1) / StepWeight;

    private readonly Seq<int> evenly = New.Map(_ => 1).Strict();
    private readonly Seq<int> oldWeights = Old.Filter(o => !New.Contains(o.Arn)).Map(o => o.Weight).Strict();

    /// <summary>The new side's share at step k.</summary>
    public int NewShare(int k) => OldOnly.IsEmpty
        ? (k >= 1 ? TotalWeight : 0)
        : Math.Min(k * StepWeight, TotalWeight);

    /// <summary>The forward config at step k (0 = the saved old config, empty with no old side; Steps = all new).</summary>
    public ForwardConfig At(int k)
    {
        var share = NewShare(k);
        var groups = new List<TargetGroupWeight>(New.Count + OldOnly.Count);
        if (k > 0)
        {
            var split = Apportionment.Split(share, evenly);
            var i = 0;
            foreach (var arn in New) groups.Add(new TargetGroupWeight(arn, split[i++]));
        }
        if (k < Steps)
        {
            var split = Apportionment.Split(TotalWeight - share, oldWeights);
            var i = 0;
            foreach (var old in OldOnly) groups.Add(new TargetGroupWeight(old.Arn, split[i++]));
        }
        return ForwardConfig.Of(groups);
    }

    /// <summary>
    /// The step whose config is exactly <paramref name="observed"/>, if any. The new side's share
    /// names the only candidate (shares grow with k), so one config is computed, not N.
    /// </summary>
    public Option<int> StepOf(ForwardConfig observed)
    {
        var share = New.Sum(observed.WeightOf);
        var k = share == 0 ? 0
            : OldOnly.IsEmpty ? 1
            : share >= TotalWeight ? Steps
            : (share + StepWeight - 1) / StepWeight;
        return k <= Steps && NewShare(k) == share && At(k) == observed ? Some(k) : None;
    }

    /// <summary>
    /// The highest step whose new share does not exceed what <paramref name="observed"/> gives the
    /// new side: where to put a drifted rule back without moving traffic forward unchecked.
    /// </summary>
    public int StepAtOrBelow(ForwardConfig observed)
    {
        var observedNew = New.Sum(observed.WeightOf);
        return Enumerable.Range(0, Steps + 1).Where(k => NewShare(k) <= observedNew).DefaultIfEmpty(0).Max();
    }
}
