using System.Text.Json;

namespace Hotswap.Operator.Tests;

[Collection(Cli.Collection)]
public sealed class SimulateCommandTests
{
    private static CliRun Simulate(params string[] args) => Cli.Run(["simulate", .. args]);

    private static JsonElement Json(CliRun run) => JsonDocument.Parse(run.Out).RootElement;

    [Fact]
    public void The_reference_canary_as_json_exits_0_and_ends_synced()
    {
        var run = Simulate("-f", "examples/mysystem-v2.yaml", "--from", "examples/mysystem-v1.yaml", "--output", "json");

        Assert.True(run.ExitCode == 0, run.Error);
        var json = Json(run);
        Assert.Equal("Synced", json.GetProperty("finalPhase").GetString());
        Assert.Equal("Synced", json.GetProperty("finalStatus").GetProperty("phase").GetString());
        Assert.Equal(0, json.GetProperty("invariantViolations").GetArrayLength());
        Assert.Equal(10, json.GetProperty("counts").GetProperty("commandsByKind").GetProperty("SetForwardWeights").GetInt32());
        Assert.True(json.GetProperty("timeline").GetArrayLength() > 10);
    }

    [Fact]
    public void The_json_is_the_same_every_time()
    {
        string[] args = ["-f", "examples/mysystem-v2.yaml", "--from", "examples/mysystem-v1.yaml",
            "--scenario", "examples/scenarios/faults-and-crashes.yaml", "--output", "json", "--seed", "7"];

        Assert.Equal(Simulate(args).Out, Simulate(args).Out);
    }

    [Fact]
    public void The_failing_check_example_exits_3_and_ends_reverted()
    {
        var run = Simulate("-f", "examples/mysystem-v2.yaml", "--from", "examples/mysystem-v1.yaml",
            "--scenario", "examples/scenarios/web-error-rate-from-step-3.yaml", "--output", "json");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal("Reverted", Json(run).GetProperty("finalPhase").GetString());
    }

    [Fact]
    public void The_table_shows_the_timeline_the_summary_and_the_verdict()
    {
        var run = Simulate("-f", "examples/bluegreen-v2.yaml", "--from", "examples/bluegreen-v1.yaml", "--output", "table");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Timeline", run.Out);
        Assert.Contains("api-v2 100", run.Out);
        Assert.Contains("invariant violations", run.Out);
        Assert.Contains("bluegreen ended Synced", run.Out);
    }

    [Fact]
    public void A_bad_system_exits_1_with_its_errors()
    {
        var run = Simulate("-f", "examples/invalid-five-mistakes.yaml", "--output", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal(5, run.Error.Split('\n').Count(l => l.StartsWith("examples/invalid-five-mistakes.yaml:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_scenario_naming_a_check_the_system_lacks_exits_1_with_a_suggestion()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"hotswap-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(scenario, "metrics:\n  rules:\n  - {check: web/error-rat, value: 1}\n");
        try
        {
            var run = Simulate("-f", "examples/mysystem-v2.yaml", "--scenario", scenario, "--output", "json");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("did you mean \"web/error-rate\"?", run.Error);
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    [Fact]
    public void A_bad_scenario_exits_1_with_file_line_and_path()
    {
        var scenario = Path.Combine(Path.GetTempPath(), $"hotswap-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(scenario, "faults:\n  awsThrottlng: 0.1\n");
        try
        {
            var run = Simulate("-f", "examples/mysystem-v2.yaml", "--scenario", scenario);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{scenario}:2: faults.awsThrottlng: unknown field \"awsThrottlng\"; did you mean \"awsThrottling\"?", run.Error);
        }
        finally
        {
            File.Delete(scenario);
        }
    }
}
