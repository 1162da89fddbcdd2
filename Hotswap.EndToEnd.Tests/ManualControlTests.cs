using Hotswap.EndToEnd.Tests.Stage;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests;

/// <summary>
/// pause, resume, promote and promote --full through the real <c>hotswap</c> CLI, against
/// <c>hotswap run</c> as a separate process. The checks measure every 15 s here, so a step cannot
/// pass sooner than 15 s after its weights were written unless a person promotes it.
/// </summary>
public sealed class ManualControlTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Pause_holds_the_weights_while_checks_keep_measuring_resume_moves_on_and_promote_skips_the_waits()
    {
        var scene = await stage.NewSceneAsync("controls");
        await using var replica = await stage.StartReplicaAsync(scene.ReplicaOptions("controls-0"));
        scene.Apply(scene.System("mysystem-v1.yaml", "15s"));
        await scene.WaitForPhaseAsync("Synced", replicas: replica);
        scene.Apply(scene.System("mysystem-v2.yaml", "15s"));
        await scene.WaitForAsync(() => scene.Observed() && scene.PhaseOf("web") == "Migrating" && scene.StepOf("web") >= 1,
            "web at step 1", replicas: replica);

        // pause: web holds at its step, longer than a check interval, while its checks keep measuring.
        output.WriteLine("$ hotswap pause mysystem web\n" + await scene.Cli.SucceedAsync("pause", Scene.SystemName, "web"));
        await scene.WaitForAsync(() => scene.Application("web")?["waitingFor"]?.ToString() == "resume", "web paused", replicas: replica);
        var held = scene.StepOf("web");
        var mark = stage.Aws.Mark;
        var measured = await Measurements(replica);
        await Task.Delay(Interval + TimeSpan.FromSeconds(3)); // a window to see nothing happen in: longer than a step's wait
        Assert.Equal(held, scene.StepOf("web"));
        Assert.DoesNotContain(stage.Aws.Since(mark), c => c.IsWrite);
        Assert.True(await Measurements(replica) > measured, "the checks stopped measuring while paused");
        await scene.WaitForEventAsync(e => e.Reason == "Paused" && e.Note.StartsWith("web:", StringComparison.Ordinal), "Paused web", replica);

        // resume: web moves on from the step it held.
        output.WriteLine("$ hotswap resume mysystem web\n" + await scene.Cli.SucceedAsync("resume", Scene.SystemName, "web"));
        var resumed = await scene.WaitForAsync(() => scene.StepOf("web") > held, "web past the held step", replicas: replica);
        output.WriteLine($"web left step {held} {resumed.TotalSeconds:F1} s after resume (held {Interval.TotalSeconds + 3} s while paused)");
        await scene.WaitForEventAsync(e => e.Reason == "Resumed" && e.Note.StartsWith("web:", StringComparison.Ordinal), "Resumed web", replica);

        // promote: the rest of this step's wait is skipped, so it is left sooner than a check interval after its write.
        var step = scene.StepOf("web");
        var written = LastWrite(scene);
        output.WriteLine("$ hotswap promote mysystem web\n" + await scene.Cli.SucceedAsync("promote", Scene.SystemName, "web"));
        await scene.WaitForAsync(() => scene.StepOf("web") > step, $"web past step {step}", replicas: replica);
        var promotedStep = LastWrite(scene) - written;
        output.WriteLine($"promoted step {step}: the next weights came {promotedStep.TotalSeconds:F1} s after step {step}'s (a check interval is {Interval.TotalSeconds} s)");
        Assert.True(promotedStep < Interval, $"step {step} lasted {promotedStep.TotalSeconds:F1} s");
        await scene.WaitForEventAsync(e => e.Reason == "Promoted" && e.Note.Contains("web", StringComparison.Ordinal), "Promoted web", replica);

        // promote --full: every remaining step's wait is skipped, to Synced.
        var remaining = 10 - scene.StepOf("web");
        var full = System.Diagnostics.Stopwatch.StartNew();
        output.WriteLine("$ hotswap promote mysystem web --full\n" + await scene.Cli.SucceedAsync("promote", Scene.SystemName, "web", "--full"));
        await scene.WaitForPhaseAsync("Synced", replicas: replica);
        output.WriteLine($"promote --full: the last {remaining} steps and completion took {full.Elapsed.TotalSeconds:F1} s " +
            $"(at least {remaining * Interval.TotalSeconds} s without it)");
        Assert.True(full.Elapsed < remaining * Interval, $"{full.Elapsed.TotalSeconds:F1} s for {remaining} steps");
        var web = await scene.WeightsAsync(scene.WebRuleArn);
        Assert.Equal(100, web.Where(w => w.Key.EndsWith("-v2", StringComparison.Ordinal)).Sum(w => w.Value));
        foreach (var e in scene.Events().Where(e => e.Kind == "System")) output.WriteLine(e.ToString());
    }

    /// <summary>When the web rule was last written at the AWS side (the recorder's clock).</summary>
    private TimeSpan LastWrite(Scene scene) =>
        TimeSpan.FromTicks(stage.Aws.ModifyRules(scene.WebRuleArn)[^1].At.UtcTicks);

    /// <summary>Web's check measurements so far, as the replica's /metrics counts them.</summary>
    private static async Task<double> Measurements(Replica replica) =>
        await replica.MetricAsync("hotswap_check_measurements_total", "check=\"mysystem-web-error-rate\"") ?? 0;
}
