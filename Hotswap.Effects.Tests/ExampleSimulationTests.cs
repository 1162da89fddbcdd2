using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

/// <summary>Each simulation example in examples/ (docs/simulate.md) ends as documented.</summary>
public sealed class ExampleSimulationTests
{
    private static SystemSpec System(string file) =>
        SystemManifest.Parse(RepoFiles.Read("examples", file)).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    private static SimulationScenario Scenario(string? file) => file is null
        ? ScenarioDocument.Default
        : ScenarioDocument.Parse(RepoFiles.Read("examples", "scenarios", file))
            .Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    private static Task<SimulationResult> Simulate(string to, string from, string? scenario = null) =>
        Simulator.RunAsync(System(to), Some(System(from)), Scenario(scenario), seed: 1);

    private static RuleKey Rule(SystemSpec spec, string application) =>
        spec.Applications.Find(a => a.Name == application).Bind(a => a.Alb)
            .Map(alb => new RuleKey(alb.ListenerArn, alb.Priority)).IfNone(() => throw new Xunit.Sdk.XunitException("no alb"));

    private static Seq<string> Members(World world, string set) =>
        world.ClusterSecrets.Values.Filter(s => s.Memberships.Contains(set)).Map(s => s.Name)
            .OrderBy(n => n, StringComparer.Ordinal).ToSeq();

    private static void Ends(SimulationResult result, SystemPhase phase)
    {
        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(phase, result.FinalPhase);
    }

    [Fact]
    public async Task The_reference_canary_ends_synced_in_ten_weight_steps()
    {
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.Equal(10, result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0));
        Assert.Equal(Seq("mysystem-mycluster-web-1-v2", "mysystem-mycluster-web-2-v2"), Members(result.FinalWorld, "web-clusters"));
    }

    private const string ApiV2 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-v2/4e9a2b7c1d3f5a60";

    [Fact]
    public async Task The_blue_green_example_moves_all_traffic_in_one_step()
    {
        var result = await Simulate("bluegreen-v2.yaml", "bluegreen-v1.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.Equal(1, result.Counts.Commands("SetForwardWeights"));
        var forward = result.FinalWorld.Rules[Rule(System("bluegreen-v2.yaml"), "api")].Forward;
        Assert.Equal(ForwardConfig.Of([new TargetGroupWeight(ApiV2, 100)]), forward);
    }

    [Fact]
    public async Task A_failing_error_rate_from_step_3_rolls_web_back_to_the_v1_weights_and_members()
    {
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml", "web-error-rate-from-step-3.yaml");
        var before = await Simulator.RunAsync(System("mysystem-v1.yaml"), None, ScenarioDocument.Default, seed: 1);

        Ends(result, SystemPhase.Reverted);
        Assert.Equal(1, result.Counts.Rollbacks);
        var rule = Rule(System("mysystem-v2.yaml"), "web");
        Assert.Equal(before.FinalWorld.Rules[rule].Forward, result.FinalWorld.Rules[rule].Forward);
        Assert.Equal(Seq("mysystem-mycluster-web-1-v1", "mysystem-mycluster-web-2-v1"), Members(result.FinalWorld, "web-clusters"));
        Assert.DoesNotContain(result.Timeline, t => t.Applications.Exists(a => a.Step > 3 && a.Phase == ApplicationPhase.Migrating));
    }

    [Fact]
    public async Task A_failing_precheck_reverts_backgroundjobs_before_any_member_changes()
    {
        var result = await Simulate("backgroundjobs-v2.yaml", "backgroundjobs-v1.yaml", "run-test-fails.yaml");

        Ends(result, SystemPhase.Reverted);
        Assert.Contains(result.Timeline, t => t.Applications.Exists(a => a.Phase == ApplicationPhase.PrecheckFailed));
        Assert.Equal(0, result.Counts.Commands("LeaveMembership") + result.Counts.Commands("JoinMembership"));
        Assert.Equal(Seq1("backgroundjobs-mycluster-backgroundjobs-v1"), Members(result.FinalWorld, "backgroundjobs-clusters"));
    }

    [Fact]
    public async Task Without_the_failing_precheck_backgroundjobs_moves_to_v2()
    {
        var result = await Simulate("backgroundjobs-v2.yaml", "backgroundjobs-v1.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.Equal(Seq1("backgroundjobs-mycluster-backgroundjobs-v2"), Members(result.FinalWorld, "backgroundjobs-clusters"));
    }

    private static bool WebSays(SimulationResult result, string text) =>
        result.Timeline.Exists(t => t.Applications.Exists(a => a.Name == "web" && a.Message.Contains(text, StringComparison.Ordinal)));

    [Fact]
    public async Task Web_1_v2_degraded_from_step_3_puts_web_back_on_v1_within_progress_deadline_and_rollback_delay()
    {
        var spec = System("mysystem-v2.yaml");
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml", "web-1-v2-degraded-from-step-3.yaml");
        var before = await Simulator.RunAsync(System("mysystem-v1.yaml"), None, ScenarioDocument.Default, seed: 1);
        var rule = Rule(spec, "web");
        var v1 = before.FinalWorld.Rules[rule].Forward;
        var web = spec.Applications.Find(a => a.Name == "web").IfNone(() => throw new Xunit.Sdk.XunitException("no web"));
        var bound = web.ProgressDeadline.IfNone(ApplicationSpec.DefaultProgressDeadline) + spec.Rollback.Delay;

        Ends(result, SystemPhase.Reverted);
        var degraded = result.Timeline.Find(t => t.Applications.Exists(a =>
            a.Name == "web" && a.Step == 3 && a.Message.Contains("web-mysystem-mycluster-web-1-v2 is Synced/Degraded", StringComparison.Ordinal)));
        var since = degraded.Map(t => t.Time).IfNone(() => throw new Xunit.Sdk.XunitException("web never saw the Degraded Application at step 3"));
        var backOnV1 = result.Timeline.Find(t => t.Time >= since && t.Applications.Exists(a => a.Name == "web" && a.Weights == Some(v1)))
            .Map(t => t.Time).IfNone(() => throw new Xunit.Sdk.XunitException("web's weights never went back to v1"));
        var reverted = result.Timeline.Find(t => t.Applications.Exists(a => a.Name == "web" && a.Phase == ApplicationPhase.Reverted))
            .Map(t => t.Time).IfNone(() => throw new Xunit.Sdk.XunitException("web never Reverted"));
        Assert.True(backOnV1 - since <= bound, $"all of web's traffic back on v1 {backOnV1 - since} after it turned Degraded; bound {bound}");
        Assert.True(reverted - since <= bound + TimeSpan.FromSeconds(1), $"web Reverted {reverted - since} after it turned Degraded");
        Assert.Equal(v1, result.FinalWorld.Rules[rule].Forward);
        Assert.Equal(Seq("mysystem-mycluster-web-1-v1", "mysystem-mycluster-web-2-v1"), Members(result.FinalWorld, "web-clusters"));
        Assert.Equal(1, result.Counts.Rollbacks);
    }

    [Fact]
    public async Task Web_2_v2_out_of_sync_for_a_minute_holds_web_then_it_ends_synced()
    {
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml", "web-2-v2-out-of-sync-for-a-minute.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.True(WebSays(result, "web-mysystem-mycluster-web-2-v2 is OutOfSync/Healthy"), "web saw the OutOfSync Application");
        Assert.Equal(10, result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0));
        Assert.Equal(Seq("mysystem-mycluster-web-1-v2", "mysystem-mycluster-web-2-v2"), Members(result.FinalWorld, "web-clusters"));
    }

    [Fact]
    public async Task Web_1_v2_application_missing_for_a_while_holds_web_then_it_ends_synced()
    {
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml", "web-1-v2-application-missing-for-a-while.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.True(WebSays(result, "has no Application for mysystem-mycluster-web-1-v2"), "web saw the Application missing");
        Assert.Equal(10, result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0));
    }

    [Fact]
    public async Task Api_v1_eks_updating_leaves_its_cluster_not_ready_meanwhile_and_web_ends_synced_with_every_weight_step()
    {
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml", "api-v1-eks-updating.yaml");
        var started = result.Timeline.Head.Time;
        var apiV1 = result.World.Kubernetes.ArgoCDClusterObjects.All.Find(o => o.Spec.Cluster == "mycluster-api-v1")
            .IfNone(() => throw new Xunit.Sdk.XunitException("no ArgoCDCluster for mycluster-api-v1"));
        var ready = apiV1.Status.Conditions.Find(c => c.Type == "Ready").IfNone(() => throw new Xunit.Sdk.XunitException("no Ready"));

        Ends(result, SystemPhase.Synced);
        Assert.Equal("True", ready.Status);
        Assert.True(ready.LastTransitionTime >= started + TimeSpan.FromMinutes(15),
            $"mycluster-api-v1 turned Ready again at {ready.LastTransitionTime}, {ready.LastTransitionTime - started} into the migration");
        Assert.Equal(10, result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0));
        Assert.Equal(Seq("mysystem-mycluster-web-1-v2", "mysystem-mycluster-web-2-v2"), Members(result.FinalWorld, "web-clusters"));
    }

    [Fact]
    public async Task Web_2_v2_unreachable_holds_web_with_the_reason_then_it_resumes_at_its_step_and_ends_synced()
    {
        var result = await Simulate("bindings-v2.yaml", "bindings-v1.yaml", "web-2-v2-unreachable.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.True(WebSays(result, "the TargetGroupBindings in cluster web-2-v2 could not be read"), "web named the unreadable cluster");
        Assert.Equal(4, result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0));
        Assert.Equal(Seq("shop-web-1-v2", "shop-web-2-v2"), Members(result.FinalWorld, "web-clusters"));
    }

    [Fact]
    public async Task A_rollback_does_not_wait_on_a_workload_cluster_that_stays_unreachable()
    {
        var scenario = Scenario(null) with
        {
            Metrics = Seq1(new MetricBehaviour("web", "error-rate", Value: 0.5, FromStep: 2)),
            Unreachable = Seq1(new ClusterFault("web-2-v2", new FaultWindow(From: TimeSpan.FromMinutes(2.5)))),
            MaxRounds = 5000,
        };
        var result = await Simulator.RunAsync(System("bindings-v2.yaml"), Some(System("bindings-v1.yaml")), scenario, seed: 1);
        var before = await Simulator.RunAsync(System("bindings-v1.yaml"), None, ScenarioDocument.Default, seed: 1);

        Ends(result, SystemPhase.Reverted);
        Assert.True(result.FinalWorld.Unreadable.ContainsKey(World.BindingsKey("web-2-v2")), "web-2-v2 was still unreachable at the end");
        var rule = Rule(System("bindings-v2.yaml"), "web");
        Assert.Equal(before.FinalWorld.Rules[rule].Forward, result.FinalWorld.Rules[rule].Forward);
        Assert.Equal(Seq("shop-web-1-v1", "shop-web-2-v1"), Members(result.FinalWorld, "web-clusters"));
    }

    [Fact]
    public async Task Faults_and_three_crashes_still_converge_synced_with_no_invariant_violated()
    {
        var result = await Simulate("mysystem-v2.yaml", "mysystem-v1.yaml", "faults-and-crashes.yaml");

        Ends(result, SystemPhase.Synced);
        Assert.Equal(3, result.Counts.Crashes);
        Assert.True(result.Counts.FaultsInjected > 0, "faults were injected");
        Assert.Equal(Seq("mysystem-mycluster-web-1-v2", "mysystem-mycluster-web-2-v2"), Members(result.FinalWorld, "web-clusters"));
    }
}
