using Hotswap.EndToEnd.Tests.Safety;
using Hotswap.EndToEnd.Tests.Stage;

namespace Hotswap.EndToEnd.Tests.Chaos;

/// <summary>
/// What the safety checker is told about a scene's reference System (web, v1 → v2), written out
/// here from the example files' shape (not computed by hotswap), and how its history is recorded.
/// </summary>
public static class SceneSafety
{
    /// <summary>web: its rule, 100 in steps of 10, set web-clusters (myservice-role: web), v1 → v2, v1 50/50 at the start.</summary>
    public static ApplicationModel Web(Scene scene)
    {
        ClusterModel Cluster(string name, Side side) =>
            new($"{scene.Namespace}.{Scene.SystemName}-{scene.Cluster("mycluster-" + name)}", scene.TargetGroups[name], side);
        return new ApplicationModel("web", scene.WebRuleArn, TotalWeight: 100, StepWeight: 10,
            new Dictionary<string, string> { ["myservice-role"] = "web" },
            [Cluster("web-1-v1", Side.Old), Cluster("web-2-v1", Side.Old), Cluster("web-1-v2", Side.New), Cluster("web-2-v2", Side.New)],
            [new TargetGroupWeight(scene.TargetGroups["web-1-v1"], 50), new TargetGroupWeight(scene.TargetGroups["web-2-v1"], 50)]);
    }

    /// <summary>Records the scene's cluster secrets (those hotswap labels with the scene's namespace) and every Application.</summary>
    public static HistoryRecorder Record(Scene scene) =>
        HistoryRecorder.Start(scene.Stage.Api, Hotswap.Testing.ControlPlane.ArgoNamespace,
            s => s["metadata"]?["labels"]?["hotswap.mumoshu.github.io/namespace"]?.ToString() == scene.Namespace);

    /// <summary>The scene's history: its secrets and Applications, and every ModifyRule on its rules or sent by <paramref name="replicas"/>.</summary>
    public static IReadOnlyList<HistoryEvent> History(Scene scene, HistoryRecorder recorder, params Replica[] replicas) =>
        recorder.History(scene.Stage.Aws.Calls, c =>
            replicas.Any(r => r.AccessKeyId == c.AccessKeyId) || c.Parameter("RuleArn") is { } rule && (rule == scene.WebRuleArn || rule == scene.ApiRuleArn));

    /// <summary>Writes <paramref name="replica"/> made since the marks: Kubernetes (Lease renewals not counted) and AWS.</summary>
    public static int Writes(Scene scene, Replica replica, long kubeMark, long awsMark) =>
        scene.Stage.Kube.Writes(kubeMark, replica.Name).Count
        + scene.Stage.Aws.Since(awsMark).Count(c => c.AccessKeyId == replica.AccessKeyId && c.IsWrite);

    /// <summary>The holder of the scene's Lease as stored now ("" when none).</summary>
    public static string LeaseHolder(Scene scene, string leaseName)
    {
        var leases = scene.Stage.Api.Catalog.Find("coordination.k8s.io", "v1", "leases")!;
        return scene.Stage.Api.Store.Find(leases, Stage.Stage.LeaseNamespace, leaseName)?["spec"]?["holderIdentity"]?.ToString() ?? "";
    }

    /// <summary>
    /// Polls <paramref name="done"/> every 2 ms (not the scene's 100 ms), so a kill lands close to
    /// the write it is aimed at; fails after <paramref name="timeout"/> with the replicas' logs.
    /// </summary>
    public static async Task PollAsync(Func<bool> done, string what, TimeSpan timeout, params Replica[] replicas)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > timeout)
                throw new Xunit.Sdk.XunitException($"waited {timeout.TotalSeconds} s for {what}\n" +
                    string.Join('\n', replicas.Select(r => $"--- {r.Name}:\n{r.Tail}")));
            await Task.Delay(2);
        }
    }
}
