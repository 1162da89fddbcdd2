using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>Safety invariants of one plan over arbitrary (even half-migrated or nonsensical) worlds.</summary>
public sealed class PlannerProperties
{
    private static readonly ApplicationPhase[] AfterFailure =
        [ApplicationPhase.CheckFailed, ApplicationPhase.PrecheckFailed, ApplicationPhase.Reverting];

    /// <summary>
    /// On arbitrary worlds the rule may already hold weight on clusters that are not Deployed
    /// members (a hand-edited rule, a degraded old cluster); moving it off is the job. So a write
    /// may leave weight, never more, on the side it moves traffic away from; on the side it moves
    /// traffic towards, every target group with weight must be a Deployed member
    /// (<see cref="WeightSafety"/>). Tightened back from "no weight raised on such a cluster",
    /// which let a write keep traffic on a new member that had stopped being Deployed.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property No_plan_puts_weight_on_a_cluster_that_is_not_a_Deployed_member() =>
        Prop.ForAll(Gens.Situation.ToArbitrary(), x =>
        {
            var plan = Reconciliation.Plan(x.Migration.V2, x.World, x.Now);
            var steps = Execution.Steps(plan, x.World, x.Now)
                .Filter(s => s.Command is Command.SetForwardWeights);
            var problems = steps.Bind(s => WeightSafety.Violations(x.Migration, s)).ToSeq();
            return problems.IsEmpty.Label("weight only on Deployed members: " + string.Join("; ", problems))
                .Classify(!steps.IsEmpty, "writes weights");
        });

    [Property(MaxTest = 1000)]
    public Property CreateBeforeDelete_never_removes_an_old_member_early() =>
        Prop.ForAll(Gens.Situation.ToArbitrary(), x =>
        {
            var spec = x.Migration.V2;
            var plan = Reconciliation.Plan(spec, x.World, x.Now);
            var early = spec.Applications
                .Filter(a => a.ArgoCd.UpdateStrategy == UpdateStrategyType.CreateBeforeDelete)
                .Choose(a => EarlyShrink(x.Migration, spec, x.World, plan, a));
            return early.IsEmpty.Label("membership shrinks only after new members are Deployed with all the weight: " + string.Join("; ", early));
        });

    /// <summary>Why the plan's membership for <paramref name="app"/> drops a current member too early, if it does.</summary>
    private static Option<string> EarlyShrink(Migration m, SystemSpec spec, World world, SystemPlan plan, ApplicationSpec app)
    {
        var c = ApplicationContext.Build(spec, app, world, world.SystemStatus.IfNone(SystemStatus.Initial));
        var name = Naming.Deployment(spec.Name, app.Name);
        var membership = plan.System.Commands
            .Choose(x => x is Command.ApplyApplicationDeployment d && d.Spec.Name == name ? Some(d.Spec.ClusterNames) : None)
            .HeadOrNone()
            .IfNone(() => world.Deployments.Find(name).Map(d => d.Spec.ClusterNames).IfNone(c.Members));
        var dropped = c.Members.Filter(x => !membership.Contains(x));
        if (dropped.IsEmpty) return None;
        var reverting = plan.System.Status.Application(app.Name).Exists(s => s.Phase == ApplicationPhase.Reverting);
        if (reverting) return None;
        var undeployed = c.Desired.Filter(d => !c.Members.Contains(d) || !Deployments.IsDeployed(app.ArgoCd.ApplicationSet, d, world));
        var onNew = app.Alb.Filter(_ => c.ShiftsWeights).Map(alb =>
            c.Rule.Map(r => r.Forward).IfNone(ForwardConfig.Empty).TargetGroups
                .Filter(t => m.Invariants.ArnOwners.Find(t.Arn).Exists(o => c.Desired.Contains(o))).Sum(t => t.Weight) == alb.TotalWeight);
        return undeployed.IsEmpty && onNew.IfNone(true)
            ? None
            : Some($"{app.Name} drops {string.Join(",", dropped)} while undeployed=[{string.Join(",", undeployed)}] allWeightOnNew={onNew}");
    }

    /// <summary>A situation in which some cluster the System waits for is not ready.</summary>
    private static readonly Gen<(Migration Migration, World World, DateTimeOffset Now)> GateClosed =
        from x in Gens.Situation
        from i in Gen.Choose(0, x.Migration.V2.Clusters.Count - 1)
        from how in Gen.Elements("missing", "creating", "no-endpoint", "no-secret", "stale-secret")
        let cluster = x.Migration.V2.Clusters[i] with { RequireReady = true }
        let eks = cluster.Eks.ClusterName
        let secret = Naming.ClusterSecret(Fixtures.System, cluster.Name)
        let world = how switch
        {
            "missing" => x.World with { EksClusters = x.World.EksClusters.Remove(eks) },
            "creating" => x.World with { EksClusters = x.World.EksClusters.AddOrUpdate(eks, new EksCluster(eks, EksClusterState.Creating, None, None, None)) },
            "no-endpoint" => x.World with { EksClusters = x.World.EksClusters.AddOrUpdate(eks, new EksCluster(eks, EksClusterState.Active, None, None, None)) },
            "no-secret" => x.World with { ClusterSecrets = x.World.ClusterSecrets.Remove(secret) },
            _ => x.World with
            {
                ClusterSecrets = x.World.ClusterSecrets.Find(secret)
                    .Map(s => x.World.ClusterSecrets.SetItem(secret, s with { Server = "https://stale.example" }))
                    .IfNone(x.World.ClusterSecrets.Remove(secret)),
            },
        }
        select (x.Migration with { V2 = x.Migration.V2 with { Clusters = x.Migration.V2.Clusters.Select((c, j) => j == i ? cluster : c).ToSeq().Strict() } }, world, x.Now);

    [Property(MaxTest = 1000)]
    public Property No_ALB_write_before_the_readiness_gate_opens() =>
        Prop.ForAll(GateClosed.ToArbitrary(), x =>
        {
            var spec = x.Migration.V2;
            var status = x.World.SystemStatus.IfNone(SystemStatus.Initial);
            var writes = Reconciliation.Plan(spec, x.World, x.Now).AllCommands
                .Choose(c => c is Command.SetForwardWeights w ? Some(w) : None);
            // The System-wide gate holds an application until its first shift; past it only the
            // application's own clusters matter to it (DESIGN "Readiness once moving"), and losing
            // one is a bounded wait, not a hold. So a closed gate allows writes from a rollback and
            // from an application already moving at step 1 or later — never a first shift.
            bool Allowed(string app) =>
                spec.Applications.Find(a => a.Name == app)
                    .Map(a => ApplicationContext.Build(spec, a, x.World, status))
                    .Exists(c => c.Previous.Exists(p => AfterFailure.Contains(p.Phase)) || ApplicationPlanner.HasShifted(c));
            var underway = status.Applications.Exists(a => AfterFailure.Contains(a.Phase))
                || spec.Applications.Exists(a => ApplicationPlanner.HasShifted(ApplicationContext.Build(spec, a, x.World, status)));
            return (underway || writes.IsEmpty).Label("no migration underway: no SetForwardWeights")
                .And(writes.ForAll(w => Allowed(w.Application)).Label("only a rollback or an application past its first shift writes weights while the gate is closed"))
                .Classify(underway, "rollback underway");
        });

    [Property(MaxTest = 1000)]
    public Property Planning_is_deterministic() =>
        Prop.ForAll(Shuffled.ToArbitrary(), x =>
        {
            var first = Reconciliation.Plan(x.Migration.V2, x.World, x.Now);
            var again = Reconciliation.Plan(x.Migration.V2, x.World, x.Now);
            var shuffled = Reconciliation.Plan(x.Migration.V2, x.Shuffled, x.Now);
            return (first == again).Label("same inputs twice give equal plans")
                .And((first == shuffled).Label("insertion order of maps and unordered lists does not matter"))
                .And((first.AllCommands == shuffled.AllCommands).Label("commands in the same order"));
        });

    /// <summary>A situation and the same world rebuilt with every map and unordered list in another insertion order.</summary>
    private static readonly Gen<(Migration Migration, World World, World Shuffled, DateTimeOffset Now)> Shuffled =
        from x in Gens.Situation
        from eks in Gen.Shuffle(x.World.EksClusters.ToArray())
        from secrets in Gen.Shuffle(x.World.ClusterSecrets.ToArray())
        from sets in Gen.Shuffle(x.World.ApplicationSets.ToArray())
        from apps in Gen.Shuffle(x.World.Applications.ToArray())
        from rules in Gen.Shuffle(x.World.Rules.ToArray())
        from jobs in Gen.Shuffle(x.World.Jobs.ToArray())
        from clusters in Gen.Shuffle(x.World.ArgoCDClusters.ToArray())
        from deployments in Gen.Shuffle(x.World.Deployments.ToArray())
        from checks in Gen.Shuffle(x.World.Checks.ToArray())
        select (x.Migration, x.World, new World(
            eks.ToHashMap(), secrets.ToHashMap(), sets.ToSeq(), apps.ToSeq(), rules.ToHashMap(), x.World.TargetGroupBindings,
            jobs.ToHashMap(), x.World.Revision, clusters.ToHashMap(), deployments.ToHashMap(), checks.ToHashMap(), x.World.SystemStatus), x.Now);

    /// <summary>Nonsense on purpose: a world generated for one version of the System, planned with the other.</summary>
    private static readonly Gen<(SystemSpec Spec, World World, DateTimeOffset Now)> Mismatched =
        from m in Gens.MigrationWithReadiness
        from forV1 in Gens.Bool
        from w in Gens.World(m, forV1 ? m.V1 : m.V2)
        from planV1 in Gens.Bool
        from now in Gens.Time
        select (planV1 ? m.V1 : m.V2, w, now);

    [Property(MaxTest = 1000)]
    public Property The_planners_never_throw_on_arbitrary_worlds_and_statuses() =>
        Prop.ForAll(Mismatched.ToArbitrary(), x =>
        {
            try
            {
                var plan = Reconciliation.Plan(x.Spec, x.World, x.Now);
                return (plan.System.Status.Applications.Count == x.Spec.Applications.Count).Label("one status per application");
            }
            catch (Exception e)
            {
                return false.Label($"threw {e.GetType().Name}: {e.Message}");
            }
        });
}
