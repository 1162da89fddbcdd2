using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>Invariant: weights sum to totalWeight and lie in 0..999.</summary>
public sealed class WeightProperties
{
    private static readonly Gen<WeightSchedule> Schedules =
        from olds in Gen.Choose(0, 4)
        from news in Gen.Choose(1, 5 - olds)
        from oldWeights in Gens.SeqOf(Gen.Choose(0, 999), olds, olds)
        from total in Gen.Choose(1, 999)
        from step in Gen.Choose(1, total)
        select new WeightSchedule(
            oldWeights.Select((w, i) => new TargetGroupWeight($"old-{i}", w)).ToSeq(),
            Enumerable.Range(0, news).Select(i => $"new-{i}").ToSeq(), step, total);

    [Property(MaxTest = 1000)]
    public Property Every_step_of_a_weight_schedule_sums_to_total_within_0_to_999() =>
        Prop.ForAll(Schedules.ToArbitrary(), s =>
        {
            var configs = Enumerable.Range(0, s.Steps + 1).Select(k => (k, Config: s.At(k))).ToSeq();
            var counted = configs.Filter(c => c.k >= 1 || !s.OldOnly.IsEmpty);
            return counted.ForAll(c => c.Config.TotalWeight == s.TotalWeight).Label("every step sums to totalWeight")
                .And(configs.ForAll(c => c.Config.TargetGroups.ForAll(t => t.Weight is >= 0 and <= 999)).Label("every weight in 0..999"))
                .And(configs.ForAll(c => c.Config.TargetGroups.Count <= 5).Label("at most 5 target groups"))
                .And((s.OldOnly.IsEmpty ? configs.Head.Config == ForwardConfig.Empty : true).Label("no old side: step 0 is empty"))
                .And(configs.Last.Config.TargetGroups.ForAll(t => s.New.Contains(t.Arn)).Label("last step is all new"))
                .And(configs.Zip(configs.Tail).ForAll(p => s.NewShare(p.Item1.k) <= s.NewShare(p.Item2.k)).Label("new share never decreases"))
                .And((s.Steps <= (s.TotalWeight + s.StepWeight - 1) / s.StepWeight).Label("N = ceil(total / step)"));
        });

    private static readonly Gen<(int Total, Seq<int> Weights)> Splits =
        from total in Gen.Choose(0, 999)
        from n in Gen.Choose(1, 5)
        from weights in Gens.SeqOf(Gen.Frequency((1, Gen.Elements(0, 1, 100)), (3, Gen.Choose(0, 999))), n, n)
        select (total, weights);

    [Property(MaxTest = 1000)]
    public Property Apportionment_sums_to_total_and_splits_equal_weights_within_one() =>
        Prop.ForAll(Splits.ToArbitrary(), x =>
        {
            var parts = Apportionment.Split(x.Total, x.Weights);
            var sum = x.Weights.Sum();
            var pairs = parts.Zip(x.Weights).ToSeq();
            return (parts.Sum() == x.Total).Label("sums to total")
                .And((parts.Count == x.Weights.Count).Label("one part per weight"))
                .And(parts.ForAll(p => p >= 0).Label("no negative part"))
                .And(pairs.ForAll(a => pairs.ForAll(b => a.Item2 != b.Item2 || Math.Abs(a.Item1 - b.Item1) <= 1))
                    .Label("equal weights differ by at most 1"))
                .And((sum == 0 || pairs.ForAll(p => Math.Abs(p.Item1 * (long)sum - (long)x.Total * p.Item2) < sum))
                    .Label("each part within one unit of its exact quota"));
        });

    [Property(MaxTest = 1000)]
    public Property Every_forward_config_a_plan_writes_sums_to_total_within_0_to_999() =>
        Prop.ForAll(Gens.Situation.ToArbitrary(), x =>
        {
            var writes = Reconciliation.Plan(x.Migration.V2, x.World, x.Now).AllCommands
                .Choose(c => c is Command.SetForwardWeights w ? Some(w) : None);
            int Total(string app) => x.Migration.V2.Applications.Find(a => a.Name == app).Bind(a => a.Alb).Map(a => a.TotalWeight).IfNone(-1);
            return writes.ForAll(w => w.Forward.TotalWeight == Total(w.Application)).Label("sums to totalWeight")
                .And(writes.ForAll(w => w.Forward.TargetGroups.ForAll(t => t.Weight is >= 0 and <= 999)).Label("weights in 0..999"))
                .And(writes.ForAll(w => w.Forward.TargetGroups.Count <= 5).Label("at most 5 target groups"))
                .Classify(!writes.IsEmpty, "writes weights");
        });
}
