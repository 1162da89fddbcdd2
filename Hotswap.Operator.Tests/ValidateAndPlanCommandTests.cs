namespace Hotswap.Operator.Tests;

[Collection(Cli.Collection)]
public sealed class ValidateAndPlanCommandTests
{
    [Fact]
    public void Validate_accepts_the_reference_system()
    {
        var run = Cli.Run("validate", "-f", "examples/mysystem-v2.yaml");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("System mysystem is valid", run.Out);
    }

    [Fact]
    public void Validate_reports_all_five_mistakes_with_file_and_line_and_exits_1()
    {
        var run = Cli.Run("validate", "-f", "examples/invalid-five-mistakes.yaml");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Error.Split('\n').Where(l => l.StartsWith("examples/invalid-five-mistakes.yaml:", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains("5 error(s)", run.Error);
    }

    [Fact]
    public void Plan_as_json_is_the_same_bytes_every_time()
    {
        string[] args = ["plan", "-f", "examples/mysystem-v2.yaml", "--world", "examples/worlds/mysystem-half-migrated.yaml",
            "--now", "2026-11-24T10:05:16Z", "--output", "json"];

        var first = Cli.Run(args);
        var second = Cli.Run(args);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("\"now\": \"2026-11-24T10:05:16Z\"", first.Out);
    }

    [Fact]
    public void Plan_with_a_missing_world_file_exits_1()
    {
        var run = Cli.Run("plan", "-f", "examples/mysystem-v2.yaml", "--world", "examples/worlds/no-such-world.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot read", run.Error);
    }
}
