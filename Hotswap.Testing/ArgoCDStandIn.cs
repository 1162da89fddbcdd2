using System.Text;
using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.Testing;

/// <summary>
/// ArgoCD's ApplicationSet controller, as far as hotswap can tell, for a <see cref="KubeApiServer"/>:
/// for every ApplicationSet in the ArgoCD namespace, an Application per cluster secret its cluster
/// generator selects (<c>selector.matchLabels</c>), named "&lt;set&gt;-&lt;secret&gt;", owned by the set,
/// its destination the secret's <c>data.name</c>, and its status as <see cref="StateOf"/> says
/// (Synced and Healthy unless told otherwise); an Application whose secret stopped matching is
/// deleted, as ArgoCD deletes it. It acts on every change of a secret or an ApplicationSet (the
/// server's own watch), and on <see cref="SettleAsync"/>. Start it with <see cref="Start"/>; dispose to stop.
/// </summary>
public sealed class ArgoCDStandIn : IAsyncDisposable
{
    private readonly KubeApiServer server;
    private readonly string argo;
    private readonly CancellationTokenSource stop = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<Task> loops = [];

    private ArgoCDStandIn(KubeApiServer server, string argoNamespace)
    {
        this.server = server;
        argo = argoNamespace;
    }

    /// <summary>An Application's sync and health status by its name; Synced and Healthy by default.</summary>
    public Func<string, (string Sync, string Health)> StateOf { get; set; } = _ => ("Synced", "Healthy");

    /// <summary>Watches the server's secrets and ApplicationSets in <paramref name="argoNamespace"/> and keeps Applications in step.</summary>
    public static ArgoCDStandIn Start(KubeApiServer server, string argoNamespace = "argocd")
    {
        var standIn = new ArgoCDStandIn(server, argoNamespace);
        foreach (var type in new[] { standIn.Secrets, standIn.ApplicationSets })
        {
            var watcher = server.Store.Watch(type, argoNamespace, server.Store.CurrentResourceVersion);
            standIn.loops.Add(Task.Run(async () =>
            {
                using (watcher)
                {
                    try
                    {
                        while (await watcher.Channel.Reader.WaitToReadAsync(standIn.stop.Token))
                        {
                            while (watcher.Channel.Reader.TryRead(out _))
                            {
                            }
                            await standIn.SettleAsync();
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }));
        }
        standIn.loops.Add(standIn.SettleAsync());
        return standIn;
    }

    private ResourceType Secrets => server.Catalog.Find("", "v1", "secrets")!;
    private ResourceType ApplicationSets => server.Catalog.Find("argoproj.io", "v1alpha1", "applicationsets")!;
    private ResourceType Applications => server.Catalog.Find("argoproj.io", "v1alpha1", "applications")!;

    /// <summary>Makes the Applications match the secrets and ApplicationSets as they are now.</summary>
    public async Task SettleAsync()
    {
        await gate.WaitAsync();
        try
        {
            var secrets = server.Store.List(Secrets, argo, o => Text(o, "metadata", "labels", "argocd.argoproj.io/secret-type") == "cluster").Items;
            var wanted = new Dictionary<string, (JsonObject Set, string Destination)>(StringComparer.Ordinal);
            foreach (var set in server.Store.List(ApplicationSets, argo, _ => true).Items)
            {
                var selector = Selector(set);
                if (selector is null) continue;
                foreach (var secret in secrets.Where(s => selector.All(kv => Text(s, "metadata", "labels", kv.Key) == kv.Value)))
                {
                    var destination = Decoded(secret, "name") ?? Text(secret, "metadata", "name");
                    wanted[$"{Text(set, "metadata", "name")}-{Text(secret, "metadata", "name")}"] = (set, destination);
                }
            }
            foreach (var app in server.Store.List(Applications, argo, _ => true).Items)
            {
                var name = Text(app, "metadata", "name");
                var generated = (app["metadata"]?["ownerReferences"] as JsonArray)?.Any(r => r?["kind"]?.ToString() == "ApplicationSet") == true;
                if (generated && !wanted.ContainsKey(name)) server.Store.Delete(Applications, argo, name, new DeleteOptions());
            }
            foreach (var (name, (set, destination)) in wanted)
            {
                var existing = server.Store.Find(Applications, argo, name);
                var (sync, health) = StateOf(name);
                if (existing is not null && Text(existing, "status", "sync", "status") == sync && Text(existing, "status", "health", "status") == health)
                    continue;
                server.Apply(Application(name, set, destination, sync, health));
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private JsonObject Application(string name, JsonObject set, string destination, string sync, string health) => new()
    {
        ["apiVersion"] = "argoproj.io/v1alpha1",
        ["kind"] = "Application",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = argo,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1", ["kind"] = "ApplicationSet",
                ["name"] = Text(set, "metadata", "name"), ["uid"] = Text(set, "metadata", "uid"),
                ["controller"] = true, ["blockOwnerDeletion"] = true,
            }),
        },
        ["spec"] = new JsonObject
        {
            ["project"] = "default",
            ["source"] = new JsonObject { ["repoURL"] = "https://example.com/apps.git", ["path"] = "app" },
            ["destination"] = new JsonObject { ["name"] = destination, ["namespace"] = "default" },
        },
        ["status"] = new JsonObject
        {
            ["sync"] = new JsonObject { ["status"] = sync },
            ["health"] = new JsonObject { ["status"] = health },
        },
    };

    /// <summary>The first cluster generator's selector.matchLabels; null when the set has no cluster generator.</summary>
    private static Dictionary<string, string>? Selector(JsonObject set) =>
        (set["spec"]?["generators"] as JsonArray)?.OfType<JsonObject>()
            .Select(g => g["clusters"]).OfType<JsonObject>()
            .Select(c => (c["selector"]?["matchLabels"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "")
                ?? [])
            .FirstOrDefault();

    private static string? Decoded(JsonObject secret, string key) =>
        secret["data"]?[key]?.ToString() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;

    private static string Text(JsonNode? node, params string[] path)
    {
        foreach (var key in path) node = node is JsonObject o && o.TryGetPropertyValue(key, out var next) ? next : null;
        return node?.ToString() ?? "";
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(loops);
        }
        catch (OperationCanceledException)
        {
        }
        stop.Dispose();
    }
}
