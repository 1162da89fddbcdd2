using System.Text.Json.Nodes;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Status;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Testing.KubeApi;
using k8s;
using k8s.Models;

namespace Hotswap.Operator.Tests;

/// <summary>
/// The test API server loaded with the half-migrated example world (examples/worlds/
/// mysystem-half-migrated.yaml): System team-a/mysystem with web Migrating at step 3/10 (v1 35+35,
/// v2 15+15), api and backgroundjobs Synced, its children, ArgoCD's objects. A kubeconfig whose
/// context's namespace is team-a; helpers to change the status and read the System back.
/// </summary>
public sealed class HalfMigratedCluster : IAsyncDisposable
{
    public const string Namespace = ControlPlane.Namespace;
    public const string System = "mysystem";

    private HalfMigratedCluster(KubeApiServer server, string dir)
    {
        Server = server;
        Dir = dir;
        Kubeconfig = server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"), Namespace);
    }

    public KubeApiServer Server { get; }
    public string Dir { get; }

    /// <summary>Its current context's namespace is team-a, so commands need no -n.</summary>
    public string Kubeconfig { get; }

    public static World World => WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"))
        .Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    public static async Task<HalfMigratedCluster> StartAsync()
    {
        var server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared);
        WorldSeeder.Seed(server, ControlPlane.System(RepoFiles.Root, System), World);
        return new HalfMigratedCluster(server, Directory.CreateTempSubdirectory("hotswap-cli-").FullName);
    }

    public IKubernetes Client() => ControlPlane.Client(Server);

    /// <summary>Requests other than reads the server received so far.</summary>
    public IReadOnlyList<string> Writes => [.. Server.Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal))];

    public async Task<JsonObject> SystemAsync() =>
        await Client().CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(
            HotswapKinds.Group, HotswapKinds.Version, Namespace, HotswapKinds.Systems, System);

    public async Task<Dictionary<string, string>> AnnotationsAsync() =>
        ((await SystemAsync())["metadata"]?["annotations"] as JsonObject)?
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()) ?? [];

    /// <summary>Rewrites one application's status entry through the status subresource, as the operator would.</summary>
    public async Task SetApplicationAsync(string application, Func<ApplicationStatus, ApplicationStatus> change)
    {
        var current = ObjectDocuments.ParseSystemStatus(((await SystemAsync())["status"] as JsonObject)!.ToJsonString())
            .Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var changed = current with { Applications = current.Applications.Map(a => a.Name == application ? change(a) : a).Strict() };
        var patch = new JsonObject { ["status"] = JsonNode.Parse(ObjectDocuments.SystemStatus(changed)) };
        await Client().CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
            HotswapKinds.Group, HotswapKinds.Version, Namespace, HotswapKinds.Systems, System);
    }

    /// <summary>A merge patch of the System itself (spec or metadata), as kubectl patch would send it.</summary>
    public Task PatchSystemAsync(string mergePatch) =>
        Client().CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatch, V1Patch.PatchType.MergePatch),
            HotswapKinds.Group, HotswapKinds.Version, Namespace, HotswapKinds.Systems, System);

    /// <summary>Records an Event as the operator does (events.k8s.io/v1, through its own recorder).</summary>
    public Task RecordEventAsync(EventObject e) => new KubernetesEvents(Client(), Namespace, "test").RecordAsync(e);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
