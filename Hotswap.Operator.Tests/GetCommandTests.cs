using System.Text.Json.Nodes;
using Hotswap.Effects.Ports;

namespace Hotswap.Operator.Tests;

/// <summary>
/// <c>hotswap get</c> against the half-migrated reference System on the test API server: the tree
/// shows the real step, the weights by the cluster that fronts each target group, the checks, the
/// members and the Events; -o json is stable; -w redraws when the status changes.
/// </summary>
[Collection(Cli.Collection)]
public sealed class GetCommandTests : IAsyncLifetime
{
    private HalfMigratedCluster cluster = null!;

    private static readonly DateTimeOffset WeightsAt = DateTimeOffset.Parse("2026-11-24T10:04:11Z");
    private static readonly DateTimeOffset CheckAt = DateTimeOffset.Parse("2026-11-24T10:05:11Z");

    public async Task InitializeAsync()
    {
        cluster = await HalfMigratedCluster.StartAsync();
        await cluster.RecordEventAsync(new EventObject("System", "mysystem", "Normal", "WeightChanged",
            "web: v1 70, v2 30 (step 3/10)", WeightsAt));
        await cluster.RecordEventAsync(new EventObject("Check", "mysystem-web-error-rate-mycluster-web-1-v2", "Normal", "MeasurementPassed",
            "error-rate on mycluster-web-1-v2: value 0.01 within [-inf, 0.01]", CheckAt));
        await cluster.RecordEventAsync(new EventObject("System", "othersystem", "Warning", "CheckFailed", "not about mysystem", CheckAt));
    }

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private CliRun Get(params string[] more) => Cli.Run(["get", "mysystem", "--kubeconfig", cluster.Kubeconfig, .. more]);

    [Fact]
    public void The_tree_shows_the_step_weights_by_cluster_checks_members_and_events()
    {
        var run = Get();

        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.Contains("System team-a/mysystem") && l.Contains("Migrating") && l.Contains("2/3 synced"));
        Assert.Contains(lines, l => l.Contains("application web") && l.Contains("Migrating") && l.Contains("step 3/10"));
        Assert.Contains(lines, l => l.Contains("application api") && l.Contains("Synced") && l.Contains("step 1/1"));
        Assert.Contains(lines, l => l.Contains("weights (rule priority 10, total 100)"));
        Assert.Contains(lines, l => l.Contains("mycluster-web-1-v1") && l.Contains(" 35 "));
        Assert.Contains(lines, l => l.Contains("mycluster-web-1-v2") && l.Contains(" 15 "));
        Assert.Contains(lines, l => l.Contains("error-rate on mycluster-web-1-v2: passed 0.01 (max 0.01) at 2026-11-24T10:05:11Z"));
        Assert.Contains(lines, l => l.Contains("members of web-clusters") && l.Contains("Deployed"));
        Assert.Contains(lines, l => l.Contains("WeightChanged") && l.Contains("System/mysystem: web: v1 70, v2 30 (step 3/10)"));
        Assert.Contains(lines, l => l.Contains("MeasurementPassed") && l.Contains("Check/mysystem-web-error-rate-mycluster-web-1-v2"));
        Assert.DoesNotContain("not about mysystem", run.Out);
        Assert.DoesNotContain("\u001b[", run.Out);
    }

    [Fact]
    public void Json_is_the_same_bytes_for_the_same_objects_and_carries_the_weights_by_cluster()
    {
        var first = Get("-o", "json");
        var second = Get("-o", "json");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(first.Out, second.Out);
        var doc = JsonNode.Parse(first.Out)!;
        var web = doc["applications"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "web")!;
        Assert.Equal(3, web["step"]!.GetValue<int>());
        Assert.Equal(10, web["steps"]!.GetValue<int>());
        var weights = web["weights"]!["targetGroups"]!.AsArray()
            .Select(t => $"{t!["name"]!.GetValue<string>()} {t["weight"]!.GetValue<int>()}").ToList();
        Assert.Equal(["mycluster-web-1-v1 35", "mycluster-web-1-v2 15", "mycluster-web-2-v1 35", "mycluster-web-2-v2 15"], weights);
        Assert.Equal(4, web["checks"]!.AsArray().Count);
        Assert.Equal(2, doc["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task Watch_redraws_when_the_status_changes_and_stops_on_cancel()
    {
        var running = await Cli.StartAsync("get", "mysystem", "--kubeconfig", cluster.Kubeconfig, "-w");
        try
        {
            Assert.True(await running.WaitForOutput(o => o.Contains("step 3/10"), TimeSpan.FromSeconds(20)), running.Out + running.Error);

            await cluster.SetApplicationAsync("web", a => a with { Step = 4, Message = "step 4/10: 40/100 on the new side" });

            Assert.True(await running.WaitForOutput(o => o.Contains("step 4/10"), TimeSpan.FromSeconds(20)), running.Out + running.Error);
        }
        finally
        {
            var stopped = await running.StopAsync();
            Assert.Equal(0, stopped.ExitCode);
            Assert.Contains("\n---\n", stopped.Out);
        }
    }

    [Fact]
    public async Task Watch_with_json_prints_one_more_document_per_change()
    {
        var running = await Cli.StartAsync("get", "mysystem", "--kubeconfig", cluster.Kubeconfig, "-w", "-o", "json");
        CliRun stopped;
        try
        {
            Assert.True(await running.WaitForOutput(o => o.Contains("\"step\": 3"), TimeSpan.FromSeconds(20)), running.Out + running.Error);
            await cluster.SetApplicationAsync("web", a => a with { Step = 4 });
            Assert.True(await running.WaitForOutput(o => o.Contains("\"step\": 4"), TimeSpan.FromSeconds(20)), running.Out + running.Error);
        }
        finally
        {
            stopped = await running.StopAsync();
        }

        var documents = Documents(stopped.Out);
        Assert.Equal(2, documents.Count);
        Assert.Equal([3, 4], documents.Select(d => d["applications"]![0]!["step"]!.GetValue<int>()));
    }

    [Fact]
    public void A_System_the_operator_has_not_reconciled_yet_is_shown_as_such()
    {
        cluster.Server.Apply(Hotswap.Testing.ControlPlane.System(RepoFiles.Root, "fresh"));

        var run = Cli.Run("get", "fresh", "--kubeconfig", cluster.Kubeconfig);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("System team-a/fresh  Unknown", run.Out);
        Assert.Contains("not reconciled yet", run.Out);
        Assert.Contains("application web  Unknown  step 0/0", run.Out);
    }

    /// <summary>Concatenated JSON documents, as jq reads them.</summary>
    private static List<JsonNode> Documents(string text)
    {
        var documents = new List<JsonNode>();
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new System.Text.Json.JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read()) documents.Add(JsonNode.Parse(ref reader)!);
        return documents;
    }
}
