using System.Diagnostics;
using Hotswap.EndToEnd.Tests.Safety;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests.Chaos;

/// <summary>
/// The reference migration (web, v1 → v2) survives kill -9 at ten points: it still reaches
/// Synced, and every forward configuration the rule held and every membership change, as the
/// servers recorded them, keeps the safety invariants.
/// </summary>
public sealed class KillNineTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
{
    /// <summary>
    /// Kill points are drawn from the first this-many writes after the spec change: fewer than an
    /// undisturbed v1 → v2 makes (about 110 with the test's System: status, children, Events,
    /// secrets, ModifyRules), so every point falls inside the migration.
    /// </summary>
    private const int KillWindow = 80;

    [Fact]
    public async Task Killed_with_SIGKILL_at_ten_points_the_migration_still_reaches_Synced_and_never_breaks_an_invariant()
    {
        var seed = KillPoint.Seed();
        var points = KillPoint.From(seed, 10, KillWindow);
        output.WriteLine($"HOTSWAP_E2E_SEED={seed} (set it to replay this run); kill points: {string.Join("; ", points)}");

        var scene = await stage.NewSceneAsync("chaos");
        await using var recorder = SceneSafety.Record(scene);
        await using var replica = await stage.StartReplicaAsync(scene.ReplicaOptions("chaos-0"));
        scene.Apply(scene.System("mysystem-v1.yaml"));
        await scene.WaitForPhaseAsync("Synced", replicas: replica);

        var (kube, aws) = (stage.Kube.Mark, stage.Aws.Mark);
        var clock = Stopwatch.StartNew();
        scene.Apply(scene.System("mysystem-v2.yaml"));
        foreach (var (point, i) in points.Select((p, i) => (p, i + 1)))
        {
            // A point the restarted process has already passed (the spec change's first burst is
            // some 30 writes in 0.1 s) is taken as the next write it makes, so every kill hits a
            // process at work rather than one that has just started.
            var target = Math.Max(point.AfterWrites, SceneSafety.Writes(scene, replica, kube, aws) + 1);
            await SceneSafety.PollAsync(() => SceneSafety.Writes(scene, replica, kube, aws) >= target || scene.IsAt("Synced"),
                $"write {target} of the migration", TimeSpan.FromSeconds(90), replica);
            Assert.False(scene.IsAt("Synced"),
                $"the migration reached Synced after {SceneSafety.Writes(scene, replica, kube, aws)} writes, before kill point {i} ({point}, write {target}): lower {nameof(KillWindow)}");
            if (point.Delay > TimeSpan.Zero) await Task.Delay(point.Delay);
            var writes = SceneSafety.Writes(scene, replica, kube, aws);
            replica.Kill();
            output.WriteLine($"kill {i} at {clock.Elapsed.TotalSeconds:F1} s: after {writes} writes; web {scene.PhaseOf("web")} step {scene.StepOf("web")}");
            await replica.StartAsync();
        }
        await scene.WaitForPhaseAsync("Synced", TimeSpan.FromSeconds(120), replica);
        output.WriteLine($"Synced {clock.Elapsed.TotalSeconds:F1} s after the spec change, {replica.Starts} processes, " +
            $"{SceneSafety.Writes(scene, replica, kube, aws)} writes");

        var history = SceneSafety.History(scene, recorder, replica);
        foreach (var e in history) output.WriteLine(e.ToString());
        var violations = new SafetyChecker([SceneSafety.Web(scene)]).CheckConverged(history);
        Assert.True(violations.Count == 0, $"HOTSWAP_E2E_SEED={seed}: {string.Join("\n", violations)}");
        Assert.Equal(11, replica.Starts);
        Assert.Contains(history, e => e is HistoryEvent.RuleWritten);
    }
}
