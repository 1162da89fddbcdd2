using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hotswap.Operator.Tests.Running;
using Hotswap.Operator.Watching;
using Hotswap.Testing.KubeApi;
using k8s;
using k8s.Models;

namespace Hotswap.Operator.Tests.Watching;

/// <summary>An informer of cluster secrets against the test API server, its connection cut at will.</summary>
public sealed class InformerTests : IAsyncLifetime
{
    private const string Argo = "argocd";
    private const string Selector = "argocd.argoproj.io/secret-type=cluster";
    private readonly RecordingObserver observer = new();
    private readonly ConcurrentQueue<ObjectStore<V1Secret>.Change> changes = new();
    private readonly WatchSwitch wire = new();
    private readonly CancellationTokenSource stop = new();
    private KubeApiServer server = null!;
    private IKubernetes client = null!;
    private Informer<V1Secret> informer = null!;
    private Task running = Task.CompletedTask;

    private Task StartAsync(KubeApiServerOptions options)
    {
        return Start();

        async Task Start()
        {
            server = await KubeApiServer.StartAsync(options);
            server.Apply(Namespace(Argo));
            client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Url }, wire);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        client?.Dispose();
        if (server is not null) await server.DisposeAsync();
    }

    private static JsonObject Namespace(string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };

    private static JsonObject Secret(string name, string role = "web", bool cluster = true)
    {
        var labels = new JsonObject { ["role"] = role };
        if (cluster) labels["argocd.argoproj.io/secret-type"] = "cluster";
        return new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Argo, ["labels"] = labels },
            ["data"] = new JsonObject { ["server"] = Convert.ToBase64String("https://x"u8.ToArray()) },
        };
    }

    private void Delete(string name) =>
        server.Store.Delete(server.Catalog.Find("", "v1", "secrets")!, Argo, name, new DeleteOptions());

    private async Task RunInformerAsync()
    {
        informer = new Informer<V1Secret>(Collections.Secrets(client, Argo, Selector), new ObjectStore<V1Secret>(s => s.Metadata),
            observer, TimeProvider.System, changes.Enqueue);
        running = Task.Run(() => informer.RunAsync(stop.Token));
        await Eventually(() => informer.Synced, "the informer listed");
    }

    private string[] Held() => [.. informer.Store.All().Select(s => s.Metadata.Name).Order()];

    private static async Task Eventually(Func<bool> condition, string what, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException($"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task It_lists_the_selected_objects_then_sees_each_add_update_and_delete()
    {
        await StartAsync(new KubeApiServerOptions());
        server.Apply(Secret("web-1"));
        server.Apply(Secret("web-2"));
        server.Apply(Secret("not-a-cluster", cluster: false));

        await RunInformerAsync();
        Assert.Equal(new[] { "web-1", "web-2" }, Held());
        Assert.Contains(observer.Watches, w => w.What == "listed" && w.Detail.StartsWith("2 objects", StringComparison.Ordinal));

        server.Apply(Secret("web-3"));
        server.Apply(Secret("web-1", role: "api"));
        Delete("web-2");
        await Eventually(() => Held().SequenceEqual(["web-1", "web-3"])
            && informer.Store.GetAsync(Argo, "web-1").Result.Exists(s => s.Metadata.Labels["role"] == "api"), "the changes arrived");

        Assert.Equal(1, informer.Lists);
        Assert.Contains(changes, c => c.Old?.Metadata.Name == "web-2" && c.New is null);
        Assert.Contains(changes, c => c.Old is null && c.New?.Metadata.Name == "web-3");
    }

    [Fact]
    public async Task After_a_dropped_connection_it_resumes_from_the_last_version_without_listing_again()
    {
        await StartAsync(new KubeApiServerOptions());
        server.Apply(Secret("web-1"));
        await RunInformerAsync();

        wire.Offline = true;
        wire.Drop();
        await Eventually(() => observer.WatchesOf(informer.Resource, "failed") > 0, "the informer saw the drop");
        server.Apply(Secret("web-2"));
        Delete("web-1");
        wire.Offline = false;

        await Eventually(() => Held().SequenceEqual(["web-2"]), "the changes made while away arrived");
        Assert.Equal(1, informer.Lists);
        Assert.True(observer.WatchesOf(informer.Resource, "resumed") > 0);
    }

    [Fact]
    public async Task When_its_version_was_compacted_away_it_gets_410_and_lists_anew()
    {
        await StartAsync(new KubeApiServerOptions { HistoryLimit = 5 });
        server.Apply(Secret("web-1"));
        server.Apply(Secret("web-2"));
        await RunInformerAsync();

        wire.Offline = true;
        wire.Drop();
        await Eventually(() => observer.WatchesOf(informer.Resource, "failed") > 0, "the informer saw the drop");
        Delete("web-1");
        for (var i = 0; i < 8; i++) server.Apply(Secret($"other-{i}", cluster: false));
        server.Apply(Secret("web-3"));
        Assert.True(server.Store.CompactedThrough > long.Parse(informer.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
        wire.Offline = false;

        await Eventually(() => informer.Lists == 2, "the informer listed again");
        await Eventually(() => Held().SequenceEqual(["web-2", "web-3"]), "the store holds what the list said");
        Assert.True(observer.WatchesOf(informer.Resource, "expired") > 0);
        Assert.Contains(changes, c => c.Old?.Metadata.Name == "web-1" && c.New is null);
    }

    [Fact]
    public async Task Bookmarks_move_its_resource_version_while_its_own_objects_stay_still()
    {
        await StartAsync(new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        server.Apply(Secret("web-1"));
        await RunInformerAsync();
        var listedAt = informer.ResourceVersion;
        changes.Clear();

        for (var i = 0; i < 3; i++) server.Apply(Secret($"other-{i}", cluster: false));
        var latest = server.Store.CurrentResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await Eventually(() => informer.ResourceVersion == latest, $"a bookmark moved the version from {listedAt} to {latest}");
        Assert.Empty(changes);
        Assert.Equal(1, informer.Lists);
    }
}
