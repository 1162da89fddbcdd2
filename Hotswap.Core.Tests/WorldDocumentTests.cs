using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Hotswap.Core.Tests;

public class WorldDocumentTests
{
    private static World Parsed(string text) =>
        WorldDocument.Parse(text).Match(
            w => w,
            errors => throw new Xunit.Sdk.XunitException(
                "expected a world, got:\n" + string.Join("\n", errors.Map(e => e.ToString()))));

    private static Seq<SpecError> Errors(string text) =>
        WorldDocument.Parse(text).Match(_ => Seq<SpecError>(), errors => errors);

    [Fact]
    public void A_rich_world_reads_back_equal_to_what_was_written()
    {
        var world = SampleWorld.Rich();

        var text = WorldDocument.Write(world);

        Assert.Equal(world, Parsed(text));
    }

    [Fact]
    public void Writing_is_deterministic_and_a_fixed_point()
    {
        var text = WorldDocument.Write(SampleWorld.Rich());

        Assert.Equal(text, WorldDocument.Write(SampleWorld.Rich()));
        Assert.Equal(text, WorldDocument.Write(Parsed(text)));
    }

    [Fact]
    public void The_empty_world_round_trips_and_an_empty_file_is_the_empty_world()
    {
        Assert.Equal(World.Empty, Parsed(WorldDocument.Write(World.Empty)));
        Assert.Equal(World.Empty, Parsed(""));
        Assert.Equal(World.Empty, Parsed("# nothing here\n"));
    }

    [Theory]
    [InlineData("mysystem-half-migrated.yaml")]
    [InlineData("empty.yaml")]
    public void The_example_world_files_parse(string file)
    {
        var world = Parsed(RepoFiles.Read("examples", "worlds", file));

        Assert.Equal(world, Parsed(WorldDocument.Write(world)));
    }

    [Fact]
    public void The_half_migrated_example_is_at_step_3_with_30_percent_on_v2()
    {
        var world = Parsed(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"));

        var rule = world.Rules[new RuleKey(SampleWorld.Listener, 10)];
        Assert.Equal(100, rule.Forward.TotalWeight);
        Assert.Equal(30, rule.Forward.TargetGroups.Filter(t => t.Arn.Contains("-v2/")).Sum(t => t.Weight));
        var web = world.SystemStatus.Bind(s => s.Application("web"));
        Assert.Equal(Some((ApplicationPhase.Migrating, 3, 10)), web.Map(a => (a.Phase, a.Step, a.Steps)));
        Assert.Equal(4, world.ClusterSecrets.Values.Count(s => s.Memberships.Contains("web-clusters")));
    }

    [Fact]
    public void The_example_in_the_docs_parses()
    {
        var doc = RepoFiles.Read("docs", "world.md");
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var world = Parsed(yaml);

        Assert.Equal(EksClusterState.Creating, world.EksClusters["mycluster-web-1-v2"].State);
        Assert.Single(world.Rules);
    }

    [Fact]
    public void A_short_hand_written_world_gets_defaults()
    {
        var world = Parsed("""
            eksClusters:
              - name: c1
            clusterSecrets:
              - name: mysystem-c1
                server: https://x
            """);

        var cluster = world.EksClusters["c1"];
        Assert.Equal(EksClusterState.Active, cluster.State);
        Assert.False(cluster.IsReady);
        Assert.True(world.ClusterSecrets["mysystem-c1"].Memberships.IsEmpty);
    }

    [Fact]
    public void Json_is_read_too()
    {
        var world = Parsed("""{"jobs": [{"name": "pre", "phase": "Succeeded"}], "revision": null}""");

        Assert.Equal(new JobState("pre", JobPhase.Succeeded, ""), world.Jobs["pre"]);
    }

    [Fact]
    public void An_unknown_field_is_an_error_with_its_line_and_a_suggestion()
    {
        var errors = Errors("""
            eksClusters:
              - name: c1
                endpiont: https://x
            """);

        var error = Assert.Single(errors);
        Assert.Equal("unknown-field", error.Code);
        Assert.Equal("eksClusters[0].endpiont", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("did you mean \"endpoint\"?", error.Message);
    }

    [Fact]
    public void An_unknown_top_level_key_is_suggested_its_nearest_key()
    {
        var error = Assert.Single(Errors("clusterSecret: []\n"));

        Assert.Equal(1, error.Line);
        Assert.Contains("did you mean \"clusterSecrets\"?", error.Message);
    }

    [Fact]
    public void A_bad_time_is_an_error_not_an_exception()
    {
        var errors = Errors("""
            systemStatus:
              phase: Migrating
              waitingForClustersSince: yesterday
            """);

        var error = Assert.Single(errors);
        Assert.Equal("invalid-value", error.Code);
        Assert.Equal("systemStatus.waitingForClustersSince", error.Path);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Every_error_is_collected_in_one_pass()
    {
        var errors = Errors("""
            eksClusters:
              - state: ACTVE
            applications:
              - name: a
                applicationSet: s
                destination: d
                sync: Synced
            rules:
              - listenerARN: l
                priority: ten
                ruleARN: r
            """);

        Assert.Equal(
            ["applications[0].health", "eksClusters[0].name", "eksClusters[0].state", "rules[0].priority"],
            errors.Map(e => e.Path).OrderBy(p => p, StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("did you mean \"ACTIVE\"?"));
    }

    [Fact]
    public void Duplicate_names_are_errors()
    {
        var error = Assert.Single(Errors("""
            jobs:
              - {name: a, phase: Running}
              - {name: a, phase: Failed}
            """));

        Assert.Equal(("duplicate", "jobs[1]", 3), (error.Code, error.Path, error.Line));
    }

    [Theory]
    [InlineData("eksClusters: [")]
    [InlineData("eksClusters: {a: 1}\n")]
    [InlineData("- 1\n- 2\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("rules:\n  - listenerARN: [1]\n    priority: {}\n")]
    [InlineData("revision: {number: 1, specHash: h, applications: {web: [1]}}")]
    [InlineData("\t\"")]
    [InlineData("rules:\n  - {listenerARN: l, priority: 99999999999, ruleARN: r, forward: {}}\n")]
    [InlineData("? [a]\n: 1\n")]
    [InlineData("clusterSecrets:\n  - {name: s, server: x, labels: {a: {b: c}}}\n")]
    [InlineData("jobs: *nowhere\n")]
    [InlineData("systemStatus: {phase: Migrating, observedGeneration: 1.5, conditions: [x]}\n")]
    [InlineData("checks:\n  - status: {}\n")]
    public void Malformed_input_is_errors_never_an_exception(string text)
    {
        var errors = Errors(text);

        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.False(string.IsNullOrEmpty(e.Message)));
    }
}
