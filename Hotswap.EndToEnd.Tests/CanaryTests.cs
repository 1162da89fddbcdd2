using Hotswap.EndToEnd.Tests.Stage;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests;

/// <summary>
/// The reference canary (examples/mysystem-v1.yaml → mysystem-v2.yaml) driven by <c>hotswap run</c>
/// as a separate process against the test API server, moto and a real Prometheus.
/// </summary>
public sealed class CanaryTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
{
    [Fact]
    public async Task The_reference_canary_moves_web_to_v2_in_ten_steps_and_ends_Synced_with_the_old_clusters_gone()
    {
        var scene = await stage.NewSceneAsync("canary", clusterPrefix: "mycluster");
        await using var replica = await stage.StartReplicaAsync(scene.ReplicaOptions("canary-0"));

        scene.Apply(scene.System("mysystem-v1.yaml"));
        var v1 = await scene.WaitForPhaseAsync("Synced", replicas: replica);
        var mark = stage.Aws.Mark;
        using var watch = scene.Cli.Start("get", Scene.SystemName, "-w");
        scene.Apply(scene.System("mysystem-v2.yaml"));
        var v2 = await scene.WaitForPhaseAsync("Synced", TimeSpan.FromSeconds(120), replica);
        output.WriteLine($"v1 to Synced in {v1.TotalSeconds:F1} s; v1 → v2 to Synced in {v2.TotalSeconds:F1} s");

        // At the AWS side: web is all on its v2 target groups, api untouched.
        var web = await scene.WeightsAsync(scene.WebRuleArn);
        Assert.Equal(100, web.Where(w => w.Key.EndsWith("-v2", StringComparison.Ordinal)).Sum(w => w.Value));
        Assert.All(web.Where(w => w.Key.EndsWith("-v1", StringComparison.Ordinal)), w => Assert.Equal(0, w.Value));
        Assert.Equal(new Dictionary<string, int> { ["api-v1"] = 100 }, await scene.WeightsAsync(scene.ApiRuleArn));

        // Every configuration the rule was given on the way, in order: the new share grows 10 by 10.
        var steps = stage.Aws.ModifyRules(scene.WebRuleArn).Where(c => c.Sequence >= mark)
            .Select(c => scene.ShortNames(c.ForwardWeights())).ToList();
        foreach (var s in steps) output.WriteLine(string.Join(", ", s.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key}={w.Value}")));
        Assert.Equal([10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
            steps.Select(s => s.Where(w => w.Key.EndsWith("-v2", StringComparison.Ordinal)).Sum(w => w.Value)).Distinct().ToArray());
        Assert.All(steps, s => Assert.Equal(100, s.Values.Sum()));

        // The old clusters' ArgoCD secrets go (their ArgoCDClusters are deleted once no application uses them); the new ones stay.
        string[] clusters = ["mycluster-api-v1", "mycluster-backgroundjobs-v1", "mycluster-web-1-v2", "mycluster-web-2-v2"];
        var gone = await scene.WaitForAsync(() => scene.ArgoClusters().SequenceEqual(clusters), "the v1 clusters' secrets to go", replicas: replica);
        output.WriteLine($"old secrets gone {gone.TotalSeconds:F1} s after Synced");

        // One WeightChanged Event per step, naming it.
        await scene.WaitForEventAsync(e => e.Reason == "WeightChanged" && e.Note.EndsWith("(step 10/10)", StringComparison.Ordinal), "the last step", replica);
        var events = scene.Events();
        foreach (var e in events) output.WriteLine(e.ToString());
        var weightChanges = events.Where(e => e.Reason == "WeightChanged" && e.Note.StartsWith("web:", StringComparison.Ordinal)).ToList();
        for (var step = 1; step <= 10; step++)
            Assert.Contains(weightChanges, e => e.Note.EndsWith($"(step {step}/10)", StringComparison.Ordinal));

        await WriteTranscriptAsync(scene, replica, watch);
        foreach (var line in replica.Lines.Where(l => l.Contains("\"level\":\"warn\"", StringComparison.Ordinal) || l.Contains("\"level\":\"error\"", StringComparison.Ordinal)))
            output.WriteLine(line);
    }

    /// <summary>
    /// What an operator sees after the run (docs/operating.md shows one): hotswap get -w's frames
    /// through the migration, kubectl get systems and events, and /metrics; each checked for the outcome.
    /// </summary>
    private async Task WriteTranscriptAsync(Scene scene, Replica replica, CliStream watch)
    {
        var transcript = new Transcript();
        await scene.WaitForAsync(() => watch.Output.Contains("Synced", StringComparison.Ordinal) && watch.Output.Contains("step 5/10", StringComparison.Ordinal),
            "hotswap get -w to show step 5/10 and Synced", replicas: replica);
        watch.Dispose();
        transcript.Add("hotswap get mysystem -w", watch.Output);
        var kubectl = new Hotswap.Testing.KubeApi.Kubectl(scene.Cli.Kubeconfig, Path.Combine(stage.Directory, "kubectl-cache"));
        var systems = await kubectl.Run("get", "systems");
        Assert.True(systems.Ok, systems.ToString());
        Assert.Matches(@"mysystem\s+Synced\s+3/3 synced", systems.Out);
        transcript.Add("kubectl get systems", systems.Out);
        var events = await kubectl.Run("get", "events");
        Assert.True(events.Ok, events.ToString());
        Assert.Contains("WeightChanged", events.Out, StringComparison.Ordinal);
        transcript.Add("kubectl get events", events.Out);
        transcript.Add("hotswap get mysystem", await scene.Cli.SucceedAsync("get", Scene.SystemName));
        var metrics = (await replica.ScrapeAsync()).Split('\n')
            .Where(l => l.StartsWith("hotswap_application_weight{", StringComparison.Ordinal)
                || l.StartsWith("hotswap_system_phase{", StringComparison.Ordinal) && !l.EndsWith(" 0", StringComparison.Ordinal)
                || l.StartsWith("hotswap_reconciles_total{", StringComparison.Ordinal)
                || l.StartsWith("hotswap_aws_requests_total{", StringComparison.Ordinal)
                || l.StartsWith("hotswap_migrations_total{", StringComparison.Ordinal)
                || l.StartsWith("hotswap_leader ", StringComparison.Ordinal)
                || l.StartsWith("process_working_set_bytes", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(metrics, l => l.StartsWith("hotswap_application_weight{", StringComparison.Ordinal)
            && l.Contains(scene.TargetGroups["web-1-v2"], StringComparison.Ordinal) && l.EndsWith(" 50", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith(
            "hotswap_aws_requests_total{service=\"elasticloadbalancing\",operation=\"ModifyRule\",result=\"ok\"}", StringComparison.Ordinal));
        Assert.Contains(metrics, l => l.StartsWith(
            "hotswap_aws_requests_total{service=\"eks\",operation=\"DescribeCluster\",result=\"ok\"}", StringComparison.Ordinal));
        transcript.Add($"curl -s {replica.MetricsUrl} | grep -E '^(hotswap_application_weight|hotswap_system_phase|hotswap_reconciles_total|hotswap_aws_requests_total|hotswap_migrations_total|hotswap_leader|process_working_set_bytes)'",
            string.Join('\n', metrics));
        output.WriteLine(transcript.ToString());
        if (transcript.Save() is { } path) output.WriteLine($"transcript written to {path}");
    }
}
