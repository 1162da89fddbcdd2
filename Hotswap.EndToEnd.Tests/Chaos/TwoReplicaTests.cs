using Hotswap.EndToEnd.Tests.Safety;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests.Chaos;

/// <summary>
/// Two replicas of the reference migration (web, v1 → v2): only the leader writes; when it is
/// killed the other takes over within the lease, and the migration reaches Synced keeping the
/// safety invariants.
/// </summary>
public sealed class TwoReplicaTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
{
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
