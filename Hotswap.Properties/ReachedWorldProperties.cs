using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>
/// Safety of one plan over the worlds the loop really passes through (<see cref="Gens.Reached"/>),
/// where plans write weights and remove members most of the time — unlike arbitrary worlds, where
/// they rarely do. Each property asserts the share of the cases it is about, so a generator that
/// stops reaching them fails instead of passing vacuously.
/// </summary>
public sealed class ReachedWorldProperties
{
    private sealed record Case(Migration Migration, World World, DateTimeOffset Now, SystemPlan Plan, Seq<Execution.Step> Steps)
    {
        public bool WritesWeights => Steps.Exists(s => s.Command is Command.SetForwardWeights);
        public bool RemovesMembers => Plan.System.Commands.Exists(c => c is Command.ApplyApplicationDeployment { Leaving.IsEmpty: false });
    }

    private static readonly Gen<Case> Cases =
        from x in Gens.Reached
        let plan = Reconciliation.Plan(x.Migration.V2, x.World, x.Now)
        select new Case(x.Migration, x.World, x.Now, plan, Execution.Steps(plan, x.World, x.Now));

    /// <summary>No write keeps weight on a member that is not Deployed (see <see cref="WeightSafety"/>).</summary>
    [Property(MaxTest = 100)]
    public Property No_write_keeps_weight_on_a_member_that_is_not_Deployed_while_moving_traffic_towards_it() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var problems = c.Steps.Filter(s => s.Command is Command.SetForwardWeights).Bind(s => WeightSafety.Violations(c.Migration, s)).ToSeq();
            return problems.IsEmpty.Label("weight only on Deployed members: " + string.Join("; ", problems))
                .Classify(c.WritesWeights, "writes weights")
                .Classify(c.RemovesMembers, "removes members");
        });

    /// <summary>
    /// The share of reached plans that write weights and that remove members: what the properties
    /// here are about. Over 1,000 cases about 59% write weights and 20% remove members; 300 cases
    /// put both bounds more than four standard deviations below those shares, so the check fails
    /// when the generator drifts, not by chance (with 100 cases and removal rounds picked half as
    /// often it failed about one run in six).
    /// </summary>
    [Property(MaxTest = 1)]
    public Property Reached_worlds_are_mostly_the_interesting_cases() =>
        Prop.ForAll(Gen.ListOf(Cases, 300).ToArbitrary(), cases =>
        {
            var n = cases.Count;
            var writes = cases.Count(c => c.WritesWeights);
            var removes = cases.Count(c => c.RemovesMembers);
            return (writes * 3 >= n).Label($"at least a third write weights: {writes}/{n}")
                .And((removes * 10 >= n).Label($"at least a tenth remove members: {removes}/{n}"));
        });

    [Property(MaxTest = 100)]
    public Property Every_forward_config_a_plan_writes_sums_to_totalWeight_on_at_most_5_target_groups() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var bad = c.Steps.Filter(s => s.Command is Command.SetForwardWeights)
                .Bind(s => c.Migration.Invariants.Check(c.Migration.V2, s.Before, s.Command, s.After)
                    .Filter(p => p.Contains("sum to", StringComparison.Ordinal) || p.Contains("0..999", StringComparison.Ordinal)
                        || p.Contains("target groups", StringComparison.Ordinal)));
            return bad.IsEmpty.Label(string.Join("; ", bad)).Classify(c.WritesWeights, "writes weights");
        });
}
