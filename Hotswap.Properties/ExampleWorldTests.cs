using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Properties.Model;
using Xunit;

namespace Hotswap.Properties;

/// <summary>
/// examples/worlds/mysystem-half-migrated.yaml is not written by hand: it is the world the real
/// planners reach when mysystem-v1.yaml is rolled out and mysystem-v2.yaml then migrates web to
/// step 3 of 10. This test regenerates it and insists the committed file is exactly that
/// (HOTSWAP_UPDATE_EXAMPLES=1 rewrites it).
/// </summary>
public sealed class ExampleWorldTests
{
    private const string File = "examples/worlds/mysystem-half-migrated.yaml";

    [Fact]
    public void The_half_migrated_example_is_what_the_planners_produce()
    {
        var (world, now) = HalfMigrated();
        var text = Header(now) + WorldDocument.Write(world);
        var path = RepoFiles.PathOf(File);
        if (Environment.GetEnvironmentVariable("HOTSWAP_UPDATE_EXAMPLES") == "1") System.IO.File.WriteAllText(path, text);
        Assert.Equal(System.IO.File.ReadAllText(path), text);
        var web = world.SystemStatus.Bind(s => s.Application("web"));
        Assert.True(web.Exists(a => a.Step == 3 && a.Steps == 10), "web is at step 3 of 10");
    }

    public static (World World, DateTimeOffset Now) HalfMigrated()
    {
        var v1 = Load("examples/mysystem-v1.yaml");
        var v2 = Load("examples/mysystem-v2.yaml");
        var clusters = (v1.Clusters + v2.Clusters).Map(c => c.Eks.ClusterName).Distinct().ToSeq();
        var arns = (v1.Clusters + v2.Clusters).Choose(c => c.Labels.Find("targetGroupARN")
            .Map(arn => (arn, Naming.ClusterSecret(v1.Name, c.Name)))).ToHashMap();
        var invariants = new Hotswap.Core.Safety.SafetyInvariants(arns);
        var first = Loop.Run(v1, Fixtures.WorldFor(clusters, v1.Applications), Scenario.AllPass, Fixtures.Start, invariants);
        Assert.True(first.FixedPoint && first.Violations.IsEmpty, "v1 rolls out cleanly");
        var second = Loop.Run(v2, first.Final, Scenario.AllPass, first.End, invariants,
            stopBefore: plan => plan.System.Commands.Exists(c => c is Command.SetForwardWeights w && w.Forward.TargetGroups.Count == 4
                && plan.System.Status.Application("web").Exists(a => a.Step == 4)));
        Assert.Empty(second.Violations);
        return (second.Final, second.End);
    }

    private static SystemSpec Load(string path) =>
        SystemManifest.Parse(System.IO.File.ReadAllText(RepoFiles.PathOf(path)))
            .Match(s => s, errors => throw new InvalidOperationException(string.Join("\n", errors)));

    private static string Header(DateTimeOffset now) =>
        $"""
        # A half-finished migration, generated (see Hotswap.Properties/ExampleWorldTests.cs): the
        # world the planners reach when examples/mysystem-v1.yaml has been rolled out and
        # examples/mysystem-v2.yaml has moved web's listener rule to step 3 of 10 (30% on the v2
        # target groups). Its checks have passed for step 3, so the next plan moves to step 4:
        #   hotswap plan -f examples/mysystem-v2.yaml --world {File} --now {now:yyyy-MM-ddTHH:mm:ssZ}

        """;
}
