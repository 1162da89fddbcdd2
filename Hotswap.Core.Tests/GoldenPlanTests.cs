using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Xunit;

namespace Hotswap.Core.Tests;

/// <summary>
/// The decision for every System in examples/, against the example worlds, compared with reviewed
/// golden files in Golden/ (HOTSWAP_UPDATE_GOLDEN=1 rewrites them; review the diff like code).
/// </summary>
public sealed class GoldenPlanTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "mysystem-v1.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "mysystem-v2.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "mysystem-v2.yaml", "worlds/mysystem-half-migrated.yaml", "2026-11-24T10:05:16Z" },
        { "mysystem-v2-selectors.yaml", "worlds/mysystem-half-migrated.yaml", "2026-11-24T10:05:16Z" },
        { "bluegreen-v1.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "bluegreen-v2.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "backgroundjobs-v1.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "backgroundjobs-v2.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "bindings-v1.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
        { "bindings-v2.yaml", "worlds/empty.yaml", "2026-11-24T10:00:00Z" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void The_plan_for_an_example_matches_its_golden_file(string system, string world, string now)
    {
        var spec = SystemManifest.Parse(RepoFiles.Read("examples", system)).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var snapshot = WorldDocument.Parse(RepoFiles.Read("examples", world)).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var plan = Reconciliation.Plan(spec, snapshot, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        Golden.Assert($"{Path.GetFileNameWithoutExtension(system)}--{Path.GetFileNameWithoutExtension(world)}.json", PlanDocument.ToJson(plan));
    }

    [Fact]
    public void The_errors_of_the_invalid_example_match_its_golden_file()
    {
        var errors = SystemManifest.Parse(RepoFiles.Read("examples", "invalid-five-mistakes.yaml")).FailToSeq();
        Golden.Assert("invalid-five-mistakes.txt", string.Join("\n", errors.Map(e => $"{e.Code} {e}")) + "\n");
    }

    [Fact]
    public void Every_System_in_examples_has_a_golden_plan()
    {
        var covered = Cases.Select(c => (string)c[0]).Append("invalid-five-mistakes.yaml").ToHashSet();
        var systems = Directory.GetFiles(RepoFiles.PathOf("examples"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("\nkind: System"))
            .Select(f => Path.GetRelativePath(RepoFiles.PathOf("examples"), f));
        Assert.All(systems, s => Assert.Contains(s, covered));
    }
}
