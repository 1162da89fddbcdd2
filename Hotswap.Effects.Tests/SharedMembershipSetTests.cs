using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

/// <summary>
/// Two Systems in one namespace whose applications use the same membership set name each manage
/// their own clusters in it: neither removes the other's (ArgoCD would delete the other's
/// Applications on them).
/// </summary>
public sealed class SharedMembershipSetTests
{
    private static SystemSpec OnOwnCluster(string system, string cluster) =>
        Some.SystemOf(Seq1(Some.Cluster(cluster)), Some.Web() with { Alb = None }) with { Name = system };

    [Fact]
    public async Task Two_Systems_sharing_a_membership_set_name_keep_each_others_clusters_in_it()
    {
        var world = new SimulatedWorld(SimulationScenario.Default with { EksReadyDelay = TimeSpan.Zero }, seed: 1);
        var a = OnOwnCluster("alpha", "web-1-alpha");
        var b = OnOwnCluster("beta", "web-1-beta");
        world.Seed(Seq(a, b));
        var loop = new ReconcileLoop(world.Ports, retries: RetryPolicy.None);

        // Alternate the two, as the operator's workers would, until both are Synced and quiet.
        var quiet = 0;
        for (var pass = 0; pass < 400 && quiet < 6; pass++)
        {
            var spec = pass % 2 == 0 ? a : b;
            var report = await loop.ReconcileOnceAsync(spec, world.Clock.Now);
            quiet = report.Planned.IsEmpty && Synced(world, spec.Name) ? quiet + 1 : 0;
            world.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.True(Synced(world, a.Name) && Synced(world, b.Name),
            $"alpha: {world.Kubernetes.SystemStatusOf(a.Name).Map(s => s.Message)}; beta: {world.Kubernetes.SystemStatusOf(b.Name).Map(s => s.Message)}");
        var members = (await world.Kubernetes.ListClusterSecretsAsync())
            .Filter(s => WellKnown.ParseMemberships(s.Annotations).Contains("web-clusters")).Map(s => s.Name).OrderBy(n => n).ToSeq();
        Assert.Equal(Seq("alpha-web-1-alpha", "beta-web-1-beta"), members);
    }

    private static bool Synced(SimulatedWorld world, string system) =>
        world.Kubernetes.SystemStatusOf(system).Exists(s => s.Phase == SystemPhase.Synced);
}
