using Hotswap.Operator.Hosting;

namespace Hotswap.Operator.Tests;

/// <summary>docs/operating.md's flags table names every flag of <c>hotswap run</c> with its variable.</summary>
public sealed class OperatingDocTests
{
    [Fact]
    public void Every_flag_and_its_variable_are_in_the_table()
    {
        // The flags table of "Running the operator" (other sections have flag tables of their own commands).
        var section = RepoFiles.Read("docs", "operating.md").Split("\n## ").Single(s => s.StartsWith("Running the operator", StringComparison.Ordinal));
        var rows = section.Split('\n').Where(l => l.StartsWith("| `--", StringComparison.Ordinal)).ToList();

        Assert.Equal(RunFlags.All.Count, rows.Count);
        foreach (var flag in RunFlags.All)
            Assert.Contains(rows, r => r.StartsWith($"| `{flag.Name}", StringComparison.Ordinal) && r.Contains($"`{flag.EnvironmentVariable}`"));
    }
}
