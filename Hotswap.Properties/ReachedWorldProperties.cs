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

    /// <summary>
    /// No write leaves weight on a cluster that is not a Deployed member, except on the side the
    /// write moves traffic away from, and never more than that target group had. (Tightened from
    /// "no weight raised on such a cluster": keeping weight on a new member that stopped being
    /// Deployed while moving more traffic to the new side is a violation too.)
    /// </summary>
    [Property(MaxTest = 300)]
    public Property No_write_keeps_weight_on_a_member_that_is_not_Deployed_while_moving_traffic_towards_it() =>
        Prop.ForAll(Cases.ToArbitrary(), c =>
        {
            var problems = c.Steps.Filter(s => s.Command is Command.SetForwardWeights).Bind(s => Unsafe(c, s)).ToSeq();
            return problems.IsEmpty.Label("weight only on Deployed members: " + string.Join("; ", problems))
                .Classify(c.WritesWeights, "writes weights")
                .Classify(c.RemovesMembers, "removes members");
        });

    private static Seq<string> Unsafe(Case c, Execution.Step s)
    {
        var w = (Command.SetForwardWeights)s.Command;
        var app = c.Migration.V2.Applications.Find(a => a.Name == w.Application);
        var desired = app.Map(a => c.Migration.V2.Clusters.Filter(k => a.ClusterSelector.Matches(k.Labels))
            .Map(k => Naming.ClusterSecret(c.Migration.V2.Name, k.Name))).IfNone(Seq<string>());
        var observed = s.Before.Rules.Find(w.Rule).Map(r => r.Forward).IfNone(ForwardConfig.Empty);
        bool IsNew(string arn) => c.Migration.Invariants.ArnOwners.Find(arn).Exists(o => desired.Contains(o));
        var newBefore = observed.TargetGroups.Filter(t => IsNew(t.Arn)).Sum(t => t.Weight);
        var newAfter = w.Forward.TargetGroups.Filter(t => IsNew(t.Arn)).Sum(t => t.Weight);
        var excused = w.Forward.TargetGroups.Filter(t =>
            t.Weight <= observed.WeightOf(t.Arn) && (IsNew(t.Arn) ? newAfter < newBefore : newAfter > newBefore));
        var checkedPart = w with { Forward = ForwardConfig.Of(w.Forward.TargetGroups.Filter(t => !excused.Contains(t))) };
        return c.Migration.Invariants.Check(c.Migration.V2, s.Before, checkedPart, s.After)
            .Filter(p => p.Contains("not a Deployed member", StringComparison.Ordinal))
            .Map(p => $"{p} (observed {observed}, wrote {w.Forward})");
    }

    /// <summary>The share of reached plans that write weights and that remove members: what the properties here are about.</summary>
    [Property(MaxTest = 2)]
    public Property Reached_worlds_are_mostly_the_interesting_cases() =>
        Prop.ForAll(Gen.ListOf(Cases, 100).ToArbitrary(), cases =>
        {
            var n = cases.Count;
            var writes = cases.Count(c => c.WritesWeights);
            var removes = cases.Count(c => c.RemovesMembers);
            return (writes * 3 >= n).Label($"at least a third write weights: {writes}/{n}")
                .And((removes * 10 >= n).Label($"at least a tenth remove members: {removes}/{n}"));
        });

    [Property(MaxTest = 300)]
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
