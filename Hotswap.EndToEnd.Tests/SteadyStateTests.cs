using Hotswap.EndToEnd.Tests.Stage;
using Xunit.Abstractions;

namespace Hotswap.EndToEnd.Tests;

/// <summary>
/// Once a System is Synced, <c>hotswap run</c> keeps reconciling it every resync period and writes
/// nothing: no Kubernetes write (leader election's Lease renewals aside, counted apart) and no AWS
/// write, counted at the servers by the replica's own identity.
/// </summary>
public sealed class SteadyStateTests(Stage.Stage stage, ITestOutputHelper output) : IClassFixture<Stage.Stage>
{
    private const int Periods = 10;

    [Fact]
    public async Task A_synced_system_costs_no_write_to_Kubernetes_or_AWS_over_ten_resync_periods()
    {
        var scene = await stage.NewSceneAsync("steady");
        var options = scene.ReplicaOptions("steady-0");
        await using var replica = await stage.StartReplicaAsync(options);
        scene.Apply(scene.System("mysystem-v1.yaml"));
        await scene.WaitForPhaseAsync("Synced", replicas: replica);
        await QuietAsync(replica, options.ResyncPeriod);

        var (kube, aws) = (stage.Kube.Mark, stage.Aws.Mark);
        var reconciles = await Reconciles(replica);
        await Task.Delay(Periods * options.ResyncPeriod); // the window the claim is about: ten resync periods
        var requests = stage.Kube.Since(kube, replica.Name);
        var calls = stage.Aws.Since(aws).Where(c => c.AccessKeyId == replica.AccessKeyId).ToList();
        var reconciled = await Reconciles(replica) - reconciles;

        output.WriteLine($"over {Periods} resync periods of {options.ResyncPeriod.TotalSeconds} s: {reconciled} reconciles; Kubernetes requests: " +
            string.Join(", ", requests.GroupBy(r => $"{r.Attributes.Verb} {r.Attributes.Resource}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}")));
        output.WriteLine("AWS calls: " + string.Join(", ", calls.GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}={g.Count()}")));
        Assert.True(reconciled >= Periods / 2, $"only {reconciled} reconciles in {Periods} resync periods: the window proves nothing");
        Assert.Empty(stage.Kube.Writes(kube, replica.Name));
        Assert.DoesNotContain(calls, c => c.IsWrite);
        Assert.Contains(requests, r => r.IsLease && r.IsWrite); // it led all along: its renewals are the only writes
        Assert.Equal("Synced", scene.Phase());
    }

    /// <summary>Waits until two resync periods pass without a write of the replica's (the last Events and status after Synced).</summary>
    private async Task QuietAsync(Replica replica, TimeSpan period)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var (kube, aws) = (stage.Kube.Mark, stage.Aws.Mark);
            await Task.Delay(2 * period);
            if (stage.Kube.Writes(kube, replica.Name).Count == 0 && !stage.Aws.Since(aws).Any(c => c.IsWrite)) return;
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"replica {replica.Name} never stopped writing:\n{replica.Tail}");
        }
    }

    /// <summary>System reconciles so far, as the replica's /metrics counts them.</summary>
    private static async Task<double> Reconciles(Replica replica) =>
        await replica.MetricAsync("hotswap_reconciles_total", "kind=\"System\"") ?? 0;
}
