using System.Diagnostics;
using k8s;
using System.Text.Json.Nodes;
using Hotswap.Effects;
using Xunit.Abstractions;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// <c>hotswap run</c>'s controller end to end inside one process: the test API server, ArgoCD's
/// stand-in, the simulated ALB and EKS, on a fake clock (see <see cref="ControlPlaneRig"/>).
/// </summary>
public sealed class ControllerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_system_rolls_out_to_synced_an_edit_migrates_it_at_once_and_steady_state_writes_nothing()
    {
        await using var rig = await ControlPlaneRig.StartAsync();

        rig.Apply(ControlPlaneRig.Example("mysystem-v1.yaml"));
        var rollout = await rig.RunUntilAsync(() => rig.Phase("mysystem") == "Synced");
        Assert.Contains(rig.Controller.Caches.ArgoCDClusters.All(), o => o["metadata"]!["name"]!.ToString() == "mysystem-mycluster-web-1-v1");
        output.WriteLine($"v1 rolled out to Synced in {rollout} clock moves; ModifyRule {rig.LoadBalancer.ModifyRule}");

        // The edit reaches its first command through the watch, with the clock standing still.
        var (writesBefore, readsBefore, reconcilesBefore) = (rig.Writes, rig.Reads, rig.Observer.Reconciles.Count);
        var lbBefore = (rig.LoadBalancer.DescribeRules, rig.LoadBalancer.ModifyRule);
        var clock = rig.Time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        rig.Apply(ControlPlaneRig.Example("mysystem-v2.yaml"));
        while (rig.Writes == writesBefore)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "the edit led to no command within 10 s");
            await Task.Delay(1);
        }
        var firstCommand = watch.Elapsed;
        Assert.Equal(clock, rig.Time.GetUtcNow());
        output.WriteLine($"spec change → first command: {firstCommand.TotalMilliseconds:F0} ms ({rig.Server.Requests.Last(r => !r.StartsWith("GET ", StringComparison.Ordinal))})");

        var migration = await rig.RunUntilAsync(() => rig.Phase("mysystem") == "Synced"
            && rig.System("mysystem")!["metadata"]!["generation"]!.GetValue<long>() == rig.System("mysystem")!["status"]!["observedGeneration"]!.GetValue<long>()
            && !rig.Controller.Caches.ArgoCDClusters.All().Any(o => o["metadata"]!["name"]!.ToString().EndsWith("-v1", StringComparison.Ordinal)
                                                                 && o["metadata"]!["name"]!.ToString().Contains("web", StringComparison.Ordinal)));
        var reconciles = rig.Observer.Reconciles.Count - reconcilesBefore;
        output.WriteLine($"v1 → v2 to Synced in {migration} clock moves, {reconciles} reconciles: " +
            $"{(rig.Writes - writesBefore) / (double)reconciles:F2} Kubernetes writes and {(rig.Reads - readsBefore) / (double)reconciles:F2} Kubernetes reads per reconcile; " +
            $"DescribeRules {rig.LoadBalancer.DescribeRules - lbBefore.DescribeRules}, ModifyRule {rig.LoadBalancer.ModifyRule - lbBefore.ModifyRule}");
        Assert.Empty(rig.Observer.Crashes);
        Assert.Equal(0, rig.Server.Requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && !r.Contains("watch=true", StringComparison.Ordinal)
            && (r.Contains("/argocdclusters", StringComparison.Ordinal) || r.Contains("/checks", StringComparison.Ordinal)
                || r.Contains("/argocdapplicationdeployments", StringComparison.Ordinal) || r.Contains("/applications", StringComparison.Ordinal))
            && r.Contains("limit=", StringComparison.Ordinal) == false));

        // Steady state: several resync periods, every object reconciled each time, nothing written.
        await rig.SettleAsync();
        (writesBefore, readsBefore, reconcilesBefore) = (rig.Writes, rig.Reads, rig.Observer.Reconciles.Count);
        lbBefore = (rig.LoadBalancer.DescribeRules, rig.LoadBalancer.ModifyRule);
        for (var i = 0; i < 4; i++)
        {
            rig.Time.Advance(rig.Options.ResyncPeriod);
            await rig.SettleAsync();
        }
        reconciles = rig.Observer.Reconciles.Count - reconcilesBefore;
        output.WriteLine($"steady state, 4 resync periods: {reconciles} reconciles, {rig.Writes - writesBefore} Kubernetes writes, " +
            $"{rig.Reads - readsBefore} Kubernetes reads, DescribeRules {rig.LoadBalancer.DescribeRules - lbBefore.DescribeRules}, ModifyRule {rig.LoadBalancer.ModifyRule - lbBefore.ModifyRule}");
        Assert.True(reconciles >= 4 * (1 + rig.Controller.Caches.ArgoCDClusters.Count), $"only {reconciles} reconciles over 4 resyncs");
        Assert.Equal(0, rig.Writes - writesBefore);
        Assert.Equal(0, rig.Reads - readsBefore);
        Assert.Equal(lbBefore.ModifyRule, rig.LoadBalancer.ModifyRule);
        Assert.Equal("Synced", rig.Phase("mysystem"));
    }

    [Fact]
    public async Task An_unparseable_system_gets_a_status_saying_why_and_is_reconciled_again_once_fixed()
    {
        await using var rig = await ControlPlaneRig.StartAsync();
        var broken = ControlPlaneRig.Example("mysystem-v1.yaml");
        broken["spec"]!["applications"]![0]!["checks"]![0]!["analysis"]!["query"] = "sum:errors{cluster:{{.Vars.nope}}}";

        rig.Apply(broken);
        await rig.RunUntilAsync(() => rig.Phase("mysystem") == "Failed");

        var message = rig.System("mysystem")!["status"]!["message"]!.ToString();
        output.WriteLine(message);
        Assert.StartsWith("the spec is invalid: ", message, StringComparison.Ordinal);
        Assert.Contains("nope", message, StringComparison.Ordinal);
        Assert.Contains(rig.Observer.Unparseables, u => u.System == "mysystem" && u.Errors.Any(e => e.Contains("nope", StringComparison.Ordinal)));
        Assert.Empty(rig.Controller.Caches.ArgoCDClusters.All());
        var writes = rig.Writes;
        rig.Time.Advance(rig.Options.ResyncPeriod);
        await rig.SettleAsync();
        Assert.Equal(writes, rig.Writes);

        rig.Apply(ControlPlaneRig.Example("mysystem-v1.yaml"));
        await rig.RunUntilAsync(() => rig.Phase("mysystem") == "Synced");
    }

    [Fact]
    public async Task A_system_deleted_while_it_cannot_be_parsed_still_removes_its_secrets_and_goes()
    {
        await using var rig = await ControlPlaneRig.StartAsync();
        rig.Apply(ControlPlaneRig.Example("mysystem-v1.yaml"));
        await rig.RunUntilAsync(() => rig.Phase("mysystem") == "Synced");
        var secrets = rig.Server.Catalog.Find("", "v1", "secrets")!;
        List<JsonObject> Secrets() => rig.Server.Store.List(secrets, ControlPlane.ArgoNamespace,
            o => o["metadata"]?["labels"]?[WellKnown.SystemLabel]?.ToString() == "mysystem").Items;
        Assert.NotEmpty(Secrets());

        var broken = ControlPlaneRig.Example("mysystem-v1.yaml");
        broken["spec"]!["applications"]![0]!["checks"]![0]!["analysis"]!["query"] = "sum:errors{cluster:{{.Vars.nope}}}";
        rig.Apply(broken);
        await rig.RunUntilAsync(() => rig.Phase("mysystem") == "Failed");
        await rig.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(
            "hotswap.mumoshu.github.io", "v1alpha1", ControlPlaneRig.Ns, "systems", "mysystem");

        await rig.RunUntilAsync(() => rig.System("mysystem") is null);
        Assert.Empty(Secrets());
        Assert.Empty(rig.Observer.Crashes);
    }

    [Fact]
    public async Task A_dry_run_plans_every_system_and_writes_nothing_anywhere()
    {
        await using var rig = await ControlPlaneRig.StartAsync(dryRun: true);

        rig.Apply(ControlPlaneRig.Example("mysystem-v1.yaml"));
        await rig.RunUntilAsync(() => !rig.Observer.Plans.IsEmpty);
        rig.Time.Advance(rig.Options.ResyncPeriod);
        await rig.SettleAsync();

        var (_, plan) = rig.Observer.Plans.First(p => p.System == "mysystem");
        output.WriteLine(string.Join("\n", plan.AllCommands.Map(c => c.ToString())));
        output.WriteLine($"plans: {rig.Observer.Plans.Count}, requeue after {plan.RequeueAfter}");
        Assert.NotEmpty(plan.AllCommands);
        Assert.True(rig.Observer.Plans.Count >= 2, "the resync planned the System again");
        Assert.True(rig.Observer.Plans.Count < 10, $"{rig.Observer.Plans.Count} plans: a dry run must not plan in a loop");
        Assert.Equal(0, rig.Writes);
        Assert.Equal(0, rig.LoadBalancer.ModifyRule);
        Assert.Null(rig.System("mysystem")!["status"]);
        Assert.DoesNotContain(rig.Observer.Reconciles, r => r.Key.Kind != ObjectKind.System);
    }
}
