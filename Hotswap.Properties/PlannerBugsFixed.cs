using Hotswap.Core.Spec;
using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Properties.Model;
using Xunit;

namespace Hotswap.Properties;

/// <summary>Reproductions of planner bugs the properties found, fixed in Core; kept as regression tests.</summary>
public sealed class PlannerBugsFixed
{
    /// <summary>
    /// Found by A_failing_check_leads_back_to_the_saved_revision: a check with interval 0 measured
    /// in the same reconcile that shifted to step k (so it saw step k-1's traffic) let step k pass.
    /// </summary>
    [Fact]
    public void A_measurement_taken_at_the_instant_a_step_starts_does_not_pass_the_step()
    {
        var spec = new CheckObjectSpec("sys-web-c0", "sys", "web", "c0", None, "q", None, Some(0.05), TimeSpan.Zero,
            Core.Spec.MetricProvider.Datadog, 0, 3, false, "h");
        var stepStart = Fixtures.Start;
        var status = CheckPlanner.Record(spec, CheckStatus.Initial with { ObservedHash = "h" }, new MetricReading.Value(0.01), stepStart);
        var world = World.Empty with { Checks = HashMap((spec.Name, new CheckObject(spec, status))) };

        var result = CheckGate.Evaluate(Seq1(spec), world, stepStart);

        Assert.IsType<CheckGate.Result.Pending>(result);
    }

    /// <summary>
    /// web moves from web-1-v1 to web-1-v2 (step 50 of 100). Both are members; web-1-v2 is
    /// Deployed, web-1-v1's Application is Degraded. Someone edited the rule to 70/30, which is no
    /// step of the schedule. The planner "restores" the highest step at or below 30 on the new side,
    /// step 0, and writes web-1-v1=100: it moves all traffic onto a cluster that is not Deployed.
    /// SafetyInvariants flags it ("no weight on a cluster that is not a Deployed member").
    /// Fixed: restoring a drifted rule onto the old side now requires every old member to be a
    /// Deployed member; otherwise the application stops with a retryable Failed that says why.
    /// </summary>
    [Fact]
    public void Restoring_a_drifted_rule_puts_weight_back_on_an_old_cluster_that_is_not_Deployed()
    {
        var v1 = Fixtures.Cluster("web-1-v1", "web");
        var v2 = Fixtures.Cluster("web-1-v2", "web");
        var spec = Fixtures.SystemOf(Seq1(v2), Fixtures.App("web", 10, Some((50, 100))));
        var names = Seq("web-1-v1", "web-1-v2");
        var key = new RuleKey(Fixtures.Listener, 10);
        var start = Fixtures.WorldFor(names, spec.Applications);
        var secrets = names.Map(n => new ClusterSecret(Naming.ClusterSecret(Fixtures.System, n), Gens.Endpoint(n), "{}",
            Map(("svc-role", "web")), Set("web-clusters")));
        var world = start with
        {
            EksClusters = names.Map(n => (n, new EksCluster(n, EksClusterState.Active, Some(Gens.Endpoint(n)), Some("Q0EK"), None))).ToHashMap(),
            ClusterSecrets = secrets.Map(s => (s.Name, s)).ToHashMap(),
            Applications = Seq(
                new ArgoApplication("web-sys-web-1-v1", "web", "sys-web-1-v1", "Synced", "Degraded"),
                new ArgoApplication("web-sys-web-1-v2", "web", "sys-web-1-v2", "Synced", "Healthy")),
            Rules = HashMap((key, new ListenerRule(key, "rule-10", ForwardConfig.Of(Seq(
                new TargetGroupWeight(Fixtures.TargetGroup("web-1-v1"), 70),
                new TargetGroupWeight(Fixtures.TargetGroup("web-1-v2"), 30)))))),
        };
        var target = ApplicationContext.Build(spec, spec.Applications[0], world, Core.Status.SystemStatus.Initial).Target;
        world = world with
        {
            Revision = new Revision(1, Hashing.Of(target), HashMap(("web", new ApplicationRevision(
                Seq1("sys-web-1-v1"), Some(ForwardConfig.Of(Seq1(new TargetGroupWeight(Fixtures.TargetGroup("web-1-v1"), 100)))))))),
        };
        var migration = new Migration(spec with { Clusters = Seq1(v1) }, spec, names);

        var violations = Execution.Violations(migration, spec, world, Fixtures.Start);

        Assert.Empty(violations);
    }

    /// <summary>
    /// Found by the Deployed-member property about once in 140,000 cases (fixed in 815344e): web
    /// moves from web-2-v1 to web-1-v2 and is about to take its first step when web-2-v1's
    /// Application turns OutOfSync and someone edits the rule to [web-2-v1: 969, a foreign target
    /// group: 961]. The next write lowers web-2-v1's weight (969 → 90 or 100) but raises its share of
    /// the traffic from about 50% to 90% or more, onto a cluster that is not Deployed. ALB splits
    /// by weight / sum of weights, so the planner must compare shares, not weights.
    /// </summary>
    [Fact]
    public void A_write_that_lowers_an_old_weight_but_raises_its_share_is_refused_when_the_old_member_is_not_Deployed()
    {
        var old = Fixtures.Cluster("web-2-v1", "web");
        var fresh = Fixtures.Cluster("web-1-v2", "web");
        var spec = Fixtures.SystemOf(Seq1(fresh), Fixtures.App("web", 10, Some((50, 100))));
        var names = Seq("web-2-v1", "web-1-v2");
        var key = new RuleKey(Fixtures.Listener, 10);
        var oldSecret = Naming.ClusterSecret(Fixtures.System, "web-2-v1");
        var start = Fixtures.WorldFor(names, spec.Applications) with
        {
            ClusterSecrets = HashMap((oldSecret, new ClusterSecret(oldSecret, Gens.Endpoint("web-2-v1"), "{}",
                Map(("svc-role", "web")), Set("web-clusters")))),
            Applications = Seq1(new ArgoApplication("web-sys-web-2-v1", "web", oldSecret, "Synced", "Healthy")),
            Rules = HashMap((key, new ListenerRule(key, "rule-10", ForwardConfig.Of(Seq1(
                new TargetGroupWeight(Fixtures.TargetGroup("web-2-v1"), 100)))))),
        };
        var migration = new Migration(spec with { Clusters = Seq1(old) }, spec, names);
        var before = Loop.Run(spec, start, Scenario.AllPass, Fixtures.Start, migration.Invariants, maxRounds: 200,
            stopBefore: p => p.AllCommands.Exists(c => c is Command.SetForwardWeights));
        Assert.Empty(before.Violations);
        var world = before.Final with
        {
            Applications = before.Final.Applications.Map(a => a.DestinationCluster == oldSecret ? a with { Sync = "OutOfSync" } : a),
            Rules = HashMap((key, new ListenerRule(key, "rule-10", ForwardConfig.Of(Seq(
                new TargetGroupWeight(Fixtures.TargetGroup("web-2-v1"), 969),
                new TargetGroupWeight("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/foreign/0000000000000001", 961)))))),
        };

        var plan = Reconciliation.Plan(spec, world, before.End);

        Assert.DoesNotContain(plan.AllCommands, c => c is Command.SetForwardWeights);
        Assert.Empty(Execution.Violations(migration, spec, world, before.End));
    }
}
