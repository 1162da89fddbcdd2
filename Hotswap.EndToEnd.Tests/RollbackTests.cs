using Hotswap.EndToEnd.Tests.Stage;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests;

/// <summary>
/// A failing check during the reference canary, and a person's abort and retry through the real
/// <c>hotswap</c> CLI: the rollback puts web back on v1 at the AWS side, and retry takes it to v2 again.
/// </summary>
public sealed class RollbackTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
{
    [Fact]
    public async Task A_check_over_its_max_during_the_canary_rolls_web_back_to_v1_after_the_rollback_delay()
    {
        var scene = await stage.NewSceneAsync("failing");
        await using var replica = await stage.StartReplicaAsync(scene.ReplicaOptions("failing-0"));
        scene.Apply(scene.System("mysystem-v1.yaml"));
        await scene.WaitForPhaseAsync("Synced", replicas: replica);
        var before = await scene.WeightsAsync(scene.WebRuleArn);

        scene.Apply(scene.System("mysystem-v2.yaml"));
        await scene.WaitForAsync(() => scene.Observed() && scene.PhaseOf("web") == "Migrating" && scene.StepOf("web") >= 2,
            "web at step 2", replicas: replica);
        var shifted = await scene.WeightsAsync(scene.WebRuleArn);
        Assert.True(shifted.Where(w => w.Key.EndsWith("-v2", StringComparison.Ordinal)).Sum(w => w.Value) > 0, Show(shifted));

        // The error ratio goes over the checks' max (0.01): the step fails, and after rollback.delay web reverts.
        await scene.SetErrorRatioAsync(0.5);
        var reverted = await scene.WaitForAsync(() => scene.PhaseOf("web") == "Reverted", "web Reverted", replicas: replica);
        output.WriteLine($"web Reverted {reverted.TotalSeconds:F1} s after the error ratio went to 0.5; System phase {scene.Phase()}: {scene.Current()?["status"]?["message"]}");

        Assert.Equal("Reverted", scene.Phase()); // the System says so too, in the same status as web's phase

        // At the AWS side, web is where it was before the migration.
        var after = await scene.WeightsAsync(scene.WebRuleArn);
        output.WriteLine($"before {Show(before)}; during {Show(shifted)}; after {Show(after)}");
        Assert.Equal(Show(before), Show(after.Where(w => w.Value > 0).ToDictionary()));
        var failed = await scene.WaitForEventAsync(e => e is { Type: "Warning", Reason: "CheckFailed" } && e.Note.StartsWith("web:", StringComparison.Ordinal), "CheckFailed web", replica);
        var rollingBack = await scene.WaitForEventAsync(e => e is { Type: "Warning", Reason: "RollingBack" } && e.Note.StartsWith("web:", StringComparison.Ordinal), "RollingBack web", replica);
        await scene.WaitForEventAsync(e => e is { Reason: "RolledBack" } && e.Note.StartsWith("web:", StringComparison.Ordinal), "RolledBack web", replica);
        foreach (var e in scene.Events()) output.WriteLine(e.ToString());
        Assert.Contains("check error-rate failed", failed.Note, StringComparison.Ordinal);
        // The rollback waited rollback.delay (2 s) after the failure.
        Assert.True(rollingBack.At - failed.At >= TimeSpan.FromSeconds(2), $"rollback began {(rollingBack.At - failed.At).TotalSeconds:F1} s after the failure");
    }

    [Fact]
    public async Task Abort_through_the_cli_rolls_back_at_once_and_retry_takes_web_to_v2_and_Synced()
    {
        var scene = await stage.NewSceneAsync("abort");
        await using var replica = await stage.StartReplicaAsync(scene.ReplicaOptions("abort-0"));
        scene.Apply(scene.System("mysystem-v1.yaml"));
        await scene.WaitForPhaseAsync("Synced", replicas: replica);
        scene.Apply(scene.System("mysystem-v2.yaml"));
        await scene.WaitForAsync(() => scene.Observed() && scene.PhaseOf("web") == "Migrating" && scene.StepOf("web") >= 1,
            "web at step 1", replicas: replica);

        // abort: web fails now and reverts without waiting rollback.delay (a person decided).
        var aborted = await scene.Cli.SucceedAsync("abort", Scene.SystemName, "web");
        output.WriteLine($"$ hotswap abort mysystem web\n{aborted}");
        var stepAtAbort = scene.StepOf("web");
        var reverted = await scene.WaitForAsync(() => scene.PhaseOf("web") == "Reverted", "web Reverted after abort", replicas: replica);
        output.WriteLine($"web Reverted {reverted.TotalSeconds:F1} s after the abort (it was at step {stepAtAbort}/10)");
        Assert.Equal(new Dictionary<string, int> { ["web-1-v1"] = 50, ["web-2-v1"] = 50 },
            (await scene.WeightsAsync(scene.WebRuleArn)).Where(w => w.Value > 0).ToDictionary());
        await scene.WaitForEventAsync(e => e.Reason == "Aborted" && e.Note.Contains("web", StringComparison.Ordinal), "Aborted web", replica);
        await scene.WaitForEventAsync(e => e.Reason == "RollingBack" && e.Note.StartsWith("web:", StringComparison.Ordinal), "RollingBack web", replica);
        Assert.DoesNotContain(scene.Events(), e => e.Reason == "CheckFailed");

        // retry: the same target again, without editing the spec, to Synced.
        var retried = await scene.Cli.SucceedAsync("retry", Scene.SystemName, "web");
        output.WriteLine($"$ hotswap retry mysystem web\n{retried}");
        var synced = await scene.WaitForPhaseAsync("Synced", TimeSpan.FromSeconds(120), replica);
        output.WriteLine($"Synced {synced.TotalSeconds:F1} s after the retry");
        var web = await scene.WeightsAsync(scene.WebRuleArn);
        Assert.Equal(100, web.Where(w => w.Key.EndsWith("-v2", StringComparison.Ordinal)).Sum(w => w.Value));
        await scene.WaitForEventAsync(e => e.Reason == "Retried" && e.Note.Contains("web", StringComparison.Ordinal), "Retried web", replica);
        Assert.Equal(["abort-api-v1", "abort-backgroundjobs-v1", "abort-web-1-v2", "abort-web-2-v2"],
            await WaitForArgoClustersAsync(scene, 4, replica));
    }

    private static async Task<IReadOnlyList<string>> WaitForArgoClustersAsync(Scene scene, int count, Replica replica)
    {
        await scene.WaitForAsync(() => scene.ArgoClusters().Count == count, $"{count} cluster secrets", replicas: replica);
        return scene.ArgoClusters();
    }

    private static string Show(IReadOnlyDictionary<string, int> weights) =>
        string.Join(", ", weights.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}"));
}
