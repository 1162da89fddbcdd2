using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;
using Xunit.Abstractions;

namespace Hotswap.Effects.Tests;

public sealed class SimulatorTests(ITestOutputHelper output)
{
    private static readonly RuleKey Rule = new(Some.Listener, 10);

    private static ForwardConfig Even(params string[] clusters) =>
        ForwardConfig.Of(clusters.Select(c => new TargetGroupWeight(Some.TargetGroup(c), 100 / clusters.Length)));

    private static Seq<string> Members(World world) =>
        world.ClusterSecrets.Values.Filter(s => s.Memberships.Contains("web-clusters")).Map(s => s.Name)
            .OrderBy(n => n, StringComparer.Ordinal).ToSeq();

    [Fact]
    public async Task A_canary_from_two_old_clusters_to_two_new_ends_synced_with_one_modify_rule_per_step()
    {
        var result = await Simulator.RunAsync(Some.New, Some(Some.Old), SimulationScenario.Default, seed: 1);
        Dump(result);

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Equal(SystemPhase.Synced, result.FinalPhase);
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(10, result.Counts.Commands("SetForwardWeights"));
        Assert.Equal(10, result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0));
        Assert.Equal(Even("web-1-v2", "web-2-v2"), result.FinalWorld.Rules[Rule].Forward);
        Assert.Equal(Seq("sys-web-1-v2", "sys-web-2-v2"), Members(result.FinalWorld));
        Assert.True(result.SimulatedDuration >= TimeSpan.FromMinutes(10), $"took {result.SimulatedDuration}");
    }

    [Fact]
    public async Task A_check_failing_from_step_3_rolls_back_to_the_old_weights_and_members()
    {
        var scenario = SimulationScenario.Default with { Metrics = Seq1(new MetricBehaviour("web", "errors", Value: 1, FromStep: 3)) };

        var result = await Simulator.RunAsync(Some.New, Some(Some.Old), scenario, seed: 2);
        Dump(result);

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Equal(SystemPhase.Reverted, result.FinalPhase);
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(1, result.Counts.Rollbacks);
        Assert.Equal(Even("web-1-v1", "web-2-v1"), result.FinalWorld.Rules[Rule].Forward);
        Assert.Equal(Seq("sys-web-1-v1", "sys-web-2-v1"), Members(result.FinalWorld));
        Assert.DoesNotContain(result.Timeline, t => t.Applications.Exists(a => a.Step > 3 && a.Phase == ApplicationPhase.Migrating));
    }

    [Fact]
    public async Task Throttling_server_errors_conflicts_and_three_crashes_still_converge_safely()
    {
        var scenario = SimulationScenario.Default with
        {
            Faults = new FaultRates(Throttling: 0.1, ServerErrors: 0.1, Conflicts: 0.2),
            CrashAfterCommands = Seq(3, 12, 25),
        };

        var result = await Simulator.RunAsync(Some.New, Some(Some.Old), scenario, seed: 3);
        Dump(result);

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Equal(SystemPhase.Synced, result.FinalPhase);
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(3, result.Counts.Crashes);
        Assert.True(result.Counts.FaultsInjected > 0);
        Assert.Equal(Even("web-1-v2", "web-2-v2"), result.FinalWorld.Rules[Rule].Forward);
        Assert.Equal(Seq("sys-web-1-v2", "sys-web-2-v2"), Members(result.FinalWorld));
    }

    [Fact]
    public async Task Once_synced_a_reconcile_makes_no_writes_and_one_describe_rules_per_listener()
    {
        var result = await Simulator.RunAsync(Some.New, Some(Some.Old), SimulationScenario.Default, seed: 4);
        Assert.Equal(SystemPhase.Synced, result.FinalPhase);
        var loop = new ReconcileLoop(result.World.Ports);

        var report = await loop.ReconcileOnceAsync(Some.New, result.World.Clock.Now + TimeSpan.FromMinutes(5));

        Assert.True(report.Planned.IsEmpty, string.Join("; ", report.Planned.Map(c => $"{c.Action} {c.Target}")));
        Assert.Equal(0, loop.Calls.Writes);
        Assert.Equal(1, loop.Calls.Of("elbv2.DescribeRules"));
    }

    [Fact]
    public async Task Without_an_old_spec_the_world_starts_empty_and_the_first_roll_out_syncs()
    {
        var result = await Simulator.RunAsync(Some.Old, None, SimulationScenario.Default, seed: 5);

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Equal(SystemPhase.Synced, result.FinalPhase);
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(Even("web-1-v1", "web-2-v1"), result.FinalWorld.Rules[Rule].Forward);
        Assert.True(result.SimulatedDuration >= TimeSpan.FromSeconds(30), "waited for EKS to become ACTIVE");
    }

    private void Dump(SimulationResult r)
    {
        foreach (var t in r.Timeline.Filter(t => !t.Executed.IsEmpty || !t.Failures.IsEmpty || t.Crashed))
        {
            output.WriteLine($"{t.Round,4} +{t.Elapsed:hh\\:mm\\:ss} {t.Phase}{(t.Crashed ? " CRASH" : "")} " +
                string.Join(" ", t.Executed.Map(kv => $"{kv.Key}×{kv.Value}")));
            foreach (var a in t.Applications)
                output.WriteLine($"       {a.Name} {a.Phase} {a.Step}/{a.Steps} [{a.Weights.Map(w => w.ToString()).IfNone("-")}] {a.Message}");
            foreach (var f in t.Failures) output.WriteLine($"       ! {f}");
        }
        foreach (var v in r.InvariantViolations) output.WriteLine("VIOLATION " + v);
        output.WriteLine($"end: {r.FinalPhase} after {r.SimulatedDuration}, {r.Counts}");
    }
}
