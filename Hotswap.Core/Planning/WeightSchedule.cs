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
    // Arrays derived once from the parameters: a schedule is built and read for every moving
    // application in every decision. Equality stays that of the four parameters (below).
    private readonly Sides sides = new(Old, New);

    private string[] newArns => sides.New;
    private TargetGroupWeight[] oldOnly => sides.OldOnly;

    /// <summary>Old target groups that are not also new, in tie-break order.</summary>
    public Seq<TargetGroupWeight> OldOnly => sides.OldOnlySeq;

    /// <summary>
    /// N = ceil(total / step). With no old side there is nothing to shift from: one step, from
    /// nothing to everything on the new side.
    /// </summary>
    public int Steps => oldOnly.Length == 0 ? 1 : (TotalWeight + StepWeight - 1) / StepWeight;

    /// <summary>The new side's share at step k.</summary>
    public int NewShare(int k) => oldOnly.Length == 0
        ? (k >= 1 ? TotalWeight : 0)
        : Math.Min(k * StepWeight, TotalWeight);

    /// <summary>The forward config at step k (0 = the saved old config, empty with no old side; Steps = all new).</summary>
    public ForwardConfig At(int k)
    {
        var share = NewShare(k);
        var steps = Steps;
        var groups = new TargetGroupWeight[(k > 0 ? newArns.Length : 0) + (k < steps ? oldOnly.Length : 0)];
        var g = 0;
        if (k > 0)
        {
            var split = Apportionment.Parts(share, sides.Evenly);
            for (var i = 0; i < newArns.Length; i++) groups[g++] = new TargetGroupWeight(newArns[i], split[i]);
        }
        if (k < steps)
        {
            var split = Apportionment.Parts(TotalWeight - share, sides.OldWeights);
            for (var i = 0; i < oldOnly.Length; i++) groups[g++] = new TargetGroupWeight(oldOnly[i].Arn, split[i]);
        }
        return ForwardConfig.Of(groups);
    }

    /// <summary>
    /// The step whose config is exactly <paramref name="observed"/>, if any. The new side's share
    /// names the only candidate (shares grow with k), so one config is computed, not N.
    /// </summary>
    public Option<int> StepOf(ForwardConfig observed)
    {
        var share = NewShareIn(observed);
        var k = share == 0 ? 0
            : oldOnly.Length == 0 ? 1
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
        var observedNew = NewShareIn(observed);
        return Enumerable.Range(0, Steps + 1).Where(k => NewShare(k) <= observedNew).DefaultIfEmpty(0).Max();
    }

    private int NewShareIn(ForwardConfig observed)
    {
        var share = 0;
        foreach (var arn in newArns) share += observed.WeightOf(arn);
        return share;
    }

    public bool Equals(WeightSchedule? other) =>
        other is not null && Old == other.Old && New == other.New && StepWeight == other.StepWeight && TotalWeight == other.TotalWeight;

    public override int GetHashCode() => HashCode.Combine(Old, New, StepWeight, TotalWeight);

    private sealed class Sides
    {
        public readonly string[] New;
        public readonly TargetGroupWeight[] OldOnly;
        public readonly Seq<TargetGroupWeight> OldOnlySeq;
        public readonly int[] Evenly;
        public readonly int[] OldWeights;

        public Sides(Seq<TargetGroupWeight> old, Seq<string> @new)
        {
            New = @new.ToArray();
            var kept = new List<TargetGroupWeight>(old.Count);
            foreach (var o in old)
                if (System.Array.IndexOf(New, o.Arn) < 0) kept.Add(o);
            OldOnly = kept.ToArray();
            OldOnlySeq = toSeq(OldOnly);
            Evenly = new int[New.Length];
            System.Array.Fill(Evenly, 1);
            OldWeights = new int[OldOnly.Length];
            for (var i = 0; i < OldOnly.Length; i++) OldWeights[i] = OldOnly[i].Weight;
        }
    }
}
