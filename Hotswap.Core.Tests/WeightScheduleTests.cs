using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Hotswap.Core.Tests;

/// <summary>The weight maths of DESIGN.md, as named cases.</summary>
public sealed class WeightScheduleTests
{
    public static TheoryData<string, int, int[], int[]> Splits => new()
    {
        { "even split has no remainder", 100, [1, 1], [50, 50] },
        { "one spare unit goes to the first part", 67, [1, 1, 1], [23, 22, 22] },
        { "two spare units go to the first two parts", 100, [1, 1, 1], [34, 33, 33] },
        { "proportional split rounds by largest remainder", 33, [70, 30], [23, 10] },
        { "zero weights split evenly", 10, [0, 0], [5, 5] },
        { "nothing to split", 0, [1, 1, 1], [0, 0, 0] },
        { "ALB maximum over five target groups", 999, [1, 1, 1, 1, 1], [200, 200, 200, 200, 199] },
    };

    [Theory, MemberData(nameof(Splits))]
    public void Apportionment_splits_by_largest_remainder(string name, int total, int[] weights, int[] expected)
    {
        var split = Apportionment.Split(total, weights.ToSeq());
        Assert.True(expected.SequenceEqual(split), $"{name}: got [{string.Join(", ", split)}]");
        Assert.Equal(total, split.Sum());
    }

    private static readonly Seq<TargetGroupWeight> ThreeOld =
        Seq(new TargetGroupWeight("tg-a", 34), new TargetGroupWeight("tg-b", 33), new TargetGroupWeight("tg-c", 33));

    public static TheoryData<string, int, int, int, (string Arn, int Weight)[]> Steps => new()
    {
        { "3 old / 2 new, step 33: first step", 33, 100, 1,
            [("tg-a", 23), ("tg-b", 22), ("tg-c", 22), ("tg-x", 17), ("tg-y", 16)] },
        { "3 old / 2 new, step 33: one unit left on the old side", 33, 100, 3,
            [("tg-a", 1), ("tg-b", 0), ("tg-c", 0), ("tg-x", 50), ("tg-y", 49)] },
        { "3 old / 2 new, step 33: last step drops the old target groups", 33, 100, 4,
            [("tg-x", 50), ("tg-y", 50)] },
        { "3 old / 2 new, step 33: step 0 is the saved config", 33, 100, 0,
            [("tg-a", 34), ("tg-b", 33), ("tg-c", 33)] },
        { "blue-green: one step moves everything", 100, 100, 1, [("tg-x", 50), ("tg-y", 50)] },
        { "odd total keeps the sum, old side in its saved proportions", 10, 999, 1, [("tg-a", 336), ("tg-b", 327), ("tg-c", 326), ("tg-x", 5), ("tg-y", 5)] },
    };

    [Theory, MemberData(nameof(Steps))]
    public void Schedule_gives_the_forward_config_of_each_step(
        string name, int step, int total, int k, (string Arn, int Weight)[] expected)
    {
        var schedule = new WeightSchedule(ThreeOld, Seq("tg-x", "tg-y"), step, total);
        var config = schedule.At(k);
        Assert.True(ForwardConfig.Of(expected.Select(e => new TargetGroupWeight(e.Arn, e.Weight))) == config, $"{name}: got {config}");
        Assert.Equal(total, config.TotalWeight);
    }

    [Fact]
    public void Steps_are_the_ceiling_of_total_over_step()
    {
        Assert.Equal(4, new WeightSchedule(ThreeOld, Seq1("tg-x"), 33, 100).Steps);
        Assert.Equal(10, new WeightSchedule(ThreeOld, Seq1("tg-x"), 10, 100).Steps);
        Assert.Equal(1, new WeightSchedule(ThreeOld, Seq1("tg-x"), 100, 100).Steps);
    }

    [Fact]
    public void With_no_old_side_there_is_one_step_from_nothing_to_everything()
    {
        var schedule = new WeightSchedule(Seq<TargetGroupWeight>(), Seq("tg-x", "tg-y"), 10, 100);
        Assert.Equal(1, schedule.Steps);
        Assert.Equal(ForwardConfig.Empty, schedule.At(0));
        Assert.Equal(100, schedule.At(1).TotalWeight);
    }

    [Fact]
    public void A_drifted_rule_is_put_back_at_or_below_its_new_share()
    {
        var schedule = new WeightSchedule(ThreeOld, Seq("tg-x", "tg-y"), 10, 100);
        var drifted = ForwardConfig.Of([new("tg-x", 20), new("tg-y", 15), new("tg-a", 65)]);
        Assert.True(schedule.StepOf(drifted).IsNone);
        Assert.Equal(3, schedule.StepAtOrBelow(drifted));
    }

    [Fact]
    public void The_observed_step_is_found_by_exact_match()
    {
        var schedule = new WeightSchedule(ThreeOld, Seq("tg-x", "tg-y"), 10, 100);
        Assert.Equal(Some(7), schedule.StepOf(schedule.At(7)));
    }
}
