using System.Diagnostics;
using Hotswap.EndToEnd.Tests.Safety;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests.Chaos;

/// <summary>
/// The reference migration (web, v1 → v2) survives kill -9 at ten points and the loss of the
/// leader of two replicas: it still reaches Synced, and every forward configuration the rule held
/// and every membership change, as the servers recorded them, keeps the safety invariants.
/// </summary>
public sealed class ChaosTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
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

    [Fact]
    public async Task Of_two_replicas_only_the_leader_writes_and_when_it_is_killed_the_other_takes_over_within_the_lease_and_finishes()
    {
        var scene = await stage.NewSceneAsync("pair");
        await using var recorder = SceneSafety.Record(scene);
        await using var a = await stage.StartReplicaAsync(scene.ReplicaOptions("pair-a"));
        await using var b = await stage.StartReplicaAsync(scene.ReplicaOptions("pair-b"));
        var lease = scene.ReplicaOptions("pair-a").LeaseName;
        var (duration, retry) = (a.Options.Election.Lease, a.Options.Election.Retry);
        await SceneSafety.PollAsync(() => SceneSafety.LeaseHolder(scene, lease) is "pair-a" or "pair-b", "a leader", TimeSpan.FromSeconds(30), a, b);
        var (leader, follower) = SceneSafety.LeaseHolder(scene, lease) == "pair-a" ? (a, b) : (b, a);

        var (kube, aws) = (stage.Kube.Mark, stage.Aws.Mark);
        scene.Apply(scene.System("mysystem-v1.yaml"));
        await scene.WaitForPhaseAsync("Synced", replicas: [a, b]);
        scene.Apply(scene.System("mysystem-v2.yaml"));
        await scene.WaitForAsync(() => scene.StepOf("web") >= 3, "web at step 3", TimeSpan.FromSeconds(90), a, b);

        // Up to here only the leader wrote; the follower did not even try (Lease renewals aside).
        var leaderWrites = SceneSafety.Writes(scene, leader, kube, aws);
        Assert.True(leaderWrites > 0);
        Assert.Equal(0, SceneSafety.Writes(scene, follower, kube, aws));
        Assert.Equal(1, await leader.MetricAsync("hotswap_leader"));
        Assert.Equal(0, await follower.MetricAsync("hotswap_leader"));

        var stepAtKill = scene.StepOf("web");
        var handover = System.Diagnostics.Stopwatch.StartNew();
        leader.Kill();
        await SceneSafety.PollAsync(() => SceneSafety.LeaseHolder(scene, lease) == follower.Name, $"{follower.Name} to take the lease",
            TimeSpan.FromSeconds(30), follower);
        var tookOver = handover.Elapsed;
        var (kubeAfter, awsAfter) = (stage.Kube.Mark, stage.Aws.Mark);
        await SceneSafety.PollAsync(() => SceneSafety.Writes(scene, follower, kubeAfter, awsAfter) > 0, $"{follower.Name}'s first write",
            TimeSpan.FromSeconds(30), follower);
        var firstWrite = handover.Elapsed;
        await scene.WaitForPhaseAsync("Synced", TimeSpan.FromSeconds(120), follower);
        output.WriteLine($"{leader.Name} led and made {leaderWrites} writes up to step {stepAtKill}; killed with SIGKILL; " +
            $"{follower.Name} held the lease {tookOver.TotalSeconds:F2} s later (lease {duration.TotalSeconds} s, retry {retry.TotalSeconds} s), " +
            $"wrote first {firstWrite.TotalSeconds:F2} s after the kill, and made {SceneSafety.Writes(scene, follower, kubeAfter, awsAfter)} writes to Synced");

        // The lease expires at most `duration` after the dead leader's last renewal, and the
        // follower tries every `retry`; a second of slack for a loaded machine's timers.
        Assert.True(tookOver <= duration + retry + TimeSpan.FromSeconds(1), $"hand-over took {tookOver.TotalSeconds:F2} s");
        Assert.Equal(1, await follower.MetricAsync("hotswap_leader"));
        // Every write after the kill came from the new leader; the dead one wrote nothing more.
        Assert.Equal(0, SceneSafety.Writes(scene, leader, kubeAfter, awsAfter));

        var history = SceneSafety.History(scene, recorder, a, b);
        var violations = new SafetyChecker([SceneSafety.Web(scene)]).CheckConverged(history);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        var writers = history.OfType<HistoryEvent.RuleWritten>().Select(w => w.Writer).Distinct().ToList();
        Assert.Equal([leader.AccessKeyId, follower.AccessKeyId], writers);
    }
}
