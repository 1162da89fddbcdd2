using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Properties.Model;
using Xunit;
using Xunit.Abstractions;

namespace Hotswap.Properties;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_canary_swap_of_two_clusters_converges_on_the_new_side()
    {
        var names = Seq("web-1-v1", "web-2-v1", "web-1-v2", "web-2-v2");
        var v1 = Fixtures.SystemOf(Seq(Fixtures.Cluster("web-1-v1", "web"), Fixtures.Cluster("web-2-v1", "web")),
            Fixtures.App("web", 10, Some((10, 100)), checks: Seq1(Fixtures.Check("dd", TimeSpan.FromMinutes(1)))));
        var v2 = v1 with { Clusters = Seq(Fixtures.Cluster("web-1-v2", "web"), Fixtures.Cluster("web-2-v2", "web")) };
        var invariants = Fixtures.InvariantsFor(Fixtures.System, names);
        var first = Loop.Run(v1, Fixtures.WorldFor(names, v1.Applications), Scenario.AllPass, Fixtures.Start, invariants);
        Dump(first);
        Assert.True(first.FixedPoint);
        Assert.Equal(SystemPhase.Synced, first.Phase);
        var second = Loop.Run(v2, first.Final, Scenario.AllPass, first.End, invariants);
        Dump(second);
        Assert.Empty(second.Violations);
        Assert.Equal(SystemPhase.Synced, second.Phase);
        Assert.Equal(10, second.Executed.Count(c => c is Command.SetForwardWeights));
    }

    private void Dump(Loop.Trace t)
    {
        foreach (var r in t.Rounds.Filter(r => !r.Commands.IsEmpty || r.Number % 50 == 0))
        {
            output.WriteLine($"{r.Number} {r.Now:HH:mm:ss} {r.Status.Phase} | {string.Join(" ; ", r.Status.Applications.Map(a => $"{a.Name} {a.Phase} {a.Step}/{a.Steps} {a.Message}"))}");
            foreach (var c in r.Commands) output.WriteLine($"    {c.Action} {c.Target} {c.Detail}");
        }
        foreach (var v in t.Violations) output.WriteLine("VIOLATION " + v);
        output.WriteLine($"end {t.End:HH:mm:ss} fixed={t.FixedPoint} phase={t.Phase}");
    }
}
