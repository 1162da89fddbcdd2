using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

/// <summary>
/// The manual-control scenarios in examples/scenarios/ (hotswap abort, retry, pause, resume,
/// promote as annotations on the System) end as documented, through the real reconcilers, with
/// the Events a person would see.
/// </summary>
public sealed class ManualControlSimulationTests
{
    private static SystemSpec System(string file) =>
        SystemManifest.Parse(RepoFiles.Read("examples", file)).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    private static Task<SimulationResult> Simulate(string scenario) =>
        Simulator.RunAsync(System("mysystem-v2.yaml"), Some(System("mysystem-v1.yaml")),
            ScenarioDocument.Parse(RepoFiles.Read("examples", "scenarios", scenario))
                .Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e))), seed: 1);

    private static Seq<(TimeSpan At, ApplicationSnapshot Web)> Web(SimulationResult r) =>
        r.Timeline.Choose(t => t.Applications.Find(a => a.Name == "web").Map(w => (t.Elapsed, w)));

    /// <summary>Events of the migration (not of the v1 roll-out before it).</summary>
    private static Seq<string> Events(SimulationResult r, string reason) =>
        r.World.Events.All.Filter(e => e.Reason == reason && r.World.MigrationStartedAt.Exists(t => e.LastTime >= t)).Map(e => e.Note);

    [Fact]
    public async Task Abort_at_step_3_reverts_web_at_once_without_waiting_the_rollback_delay()
    {
        var result = await Simulate("web-abort-at-step-3.yaml");

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(ApplicationPhase.Reverted, result.FinalStatus.Application("web").Map(a => a.Phase).IfNone(ApplicationPhase.Pending));
        var web = Web(result);
        var atStep3 = web.Find(w => w.Web.Step == 3 && w.Web.Phase == ApplicationPhase.Migrating).Map(w => w.At)
            .IfNone(() => throw new Xunit.Sdk.XunitException("web never reached step 3"));
        var reverting = web.Find(w => w.Web.Phase == ApplicationPhase.Reverting).Map(w => w.At)
            .IfNone(() => throw new Xunit.Sdk.XunitException("web never reverted"));
        Assert.True(reverting - atStep3 < TimeSpan.FromSeconds(5), $"reverting {reverting - atStep3} after step 3, not rollback.delay later");
        Assert.DoesNotContain(web, w => w.Web.Step > 3 && w.Web.Phase == ApplicationPhase.Migrating);
        Assert.Contains(Events(result, "Aborted"), n => n.StartsWith("web aborted by request at step 3/10; rolling back", StringComparison.Ordinal));
        Assert.Contains(Events(result, "RollingBack"), n => n.StartsWith("web: Migrating → Reverting", StringComparison.Ordinal));
        Assert.Contains(Events(result, "RolledBack"), n => n.StartsWith("web: Reverting → Reverted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_after_an_abort_runs_the_same_target_to_synced()
    {
        var result = await Simulate("web-abort-at-step-3-retry-after-5m.yaml");

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(SystemPhase.Synced, result.FinalPhase);
        var phases = Web(result).Map(w => w.Web.Phase).Distinct().ToSeq();
        Assert.Contains(ApplicationPhase.Reverted, phases);
        Assert.Equal(ApplicationPhase.Synced, phases.Last);
        Assert.Contains(Events(result, "Retried"), n => n.StartsWith("retrying web (Reverted before)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paused_web_holds_step_3_with_its_checks_running_until_resumed_then_promoted_fully()
    {
        var result = await Simulate("web-paused-at-step-3-promoted-fully.yaml");

        Assert.True(result.Converged, result.NonConvergence.IfNone(""));
        Assert.Empty(result.InvariantViolations);
        Assert.Equal(SystemPhase.Synced, result.FinalPhase);
        var paused = result.Timeline.Filter(t => t.Applications.Exists(a => a.Name == "web" && a.Message.StartsWith("paused at step 3/10", StringComparison.Ordinal)));
        Assert.NotEmpty(paused);
        Assert.True(paused.Last.Elapsed - paused.Head.Elapsed > TimeSpan.FromMinutes(5), "held for minutes");
        Assert.All(paused.Skip(1), t => Assert.Equal(0, t.Executed.Find("SetForwardWeights").IfNone(0)));
        Assert.True(paused.Skip(1).Sum(t => t.Executed.Find("RunAnalysis").IfNone(0)) > 3, "checks keep measuring while paused");
        Assert.Single(Events(result, "Paused"));
        Assert.Single(Events(result, "Resumed"));
        Assert.Contains(Events(result, "Promoted"), n => n == "web promoted fully: no remaining step waits for its checks");
        // After the full promotion the last seven steps take no check interval each.
        var resumed = paused.Last.Elapsed;
        var synced = Web(result).Find(w => w.Web.Phase == ApplicationPhase.Synced && w.At > resumed).Map(w => w.At)
            .IfNone(() => throw new Xunit.Sdk.XunitException("web never synced"));
        Assert.True(synced - resumed < TimeSpan.FromMinutes(2), $"synced {synced - resumed} after the resume");
    }

    [Fact]
    public async Task The_reference_canary_records_an_event_per_weight_change_and_for_the_decommission()
    {
        var result = await Simulate("web-paused-at-step-3-promoted-fully.yaml");

        var weights = Events(result, "WeightChanged").Filter(n => n.StartsWith("web:", StringComparison.Ordinal));
        Assert.Equal(10, weights.Count);
        Assert.Contains("web: mycluster-web-1-v1 35, mycluster-web-1-v2 15, mycluster-web-2-v1 35, mycluster-web-2-v2 15 (step 3/10)", weights);
        var decommission = Assert.Single(Events(result, "Decommissioning"), n => n.StartsWith("web:", StringComparison.Ordinal));
        Assert.Contains("mysystem-mycluster-web-1-v1, mysystem-mycluster-web-2-v1 leave web-clusters; ArgoCD deletes", decommission);
    }
}
