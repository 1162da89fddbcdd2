using System.Globalization;
using System.Text.Json.Nodes;
using Hotswap.Core.Planning;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Operator.Running;
using Hotswap.Operator.Watching;
using Hotswap.Testing.KubeApi;
using k8s;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// The same KubernetesClient adapters reading from <c>hotswap run</c>'s informer caches instead of
/// the API, on the shared contract. Objects made behind the adapter's back (the System, as kubectl
/// would) are waited for until the watch delivered them, as the operator would see them; everything
/// the adapter writes must read back at once (read-your-writes).
/// </summary>
public sealed class CachedKubernetesContractTests : KubernetesContract
{
    private readonly CancellationTokenSource stop = new();
    private KubeApiServer? server;
    private IKubernetes? client;
    private Caches? caches;
    private Task running = Task.CompletedTask;
    private KubernetesObjects? port;
    private KubernetesEvents? events;
    private KubernetesLeases? leases;

    protected override IKubernetesObjects Port => port!;

    protected override IEvents Events => events!;

    protected override ILeases Leases => leases!;

    public override async Task InitializeAsync()
    {
        server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared);
        client = ControlPlane.Client(server);
        caches = new Caches(client, [ControlPlane.Namespace], ControlPlane.ArgoNamespace, new Quiet(), TimeProvider.System, _ => { });
        running = caches.RunAsync(stop.Token);
        await Until(() => caches.Synced);
        port = new KubernetesObjects(client, ControlPlane.Namespace, ControlPlane.ArgoNamespace, reads: caches.Reads);
        events = new KubernetesEvents(client, ControlPlane.Namespace, "contract-test");
        leases = new KubernetesLeases(client, ControlPlane.Namespace);
    }

    public override async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        client?.Dispose();
        if (server is not null) await server.DisposeAsync();
    }

    protected override async Task SeedSystemAsync(string name)
    {
        var stored = server!.Apply(ControlPlane.System(RepoFiles.Root, name));
        await CaughtUpAsync(name, Version(stored));
    }

    protected override async Task DeleteSystemAsync(string name)
    {
        var deleting = await client!.CustomObjects.DeleteNamespacedCustomObjectAsync<JsonObject>(
            HotswapKinds.Group, HotswapKinds.Version, ControlPlane.Namespace, HotswapKinds.Systems, name);
        await CaughtUpAsync(name, Version(deleting));
    }

    private static long Version(JsonObject o) =>
        long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>Until the cache holds the System at <paramref name="version"/> or later.</summary>
    private Task CaughtUpAsync(string name, long version) =>
        Until(() => caches!.Systems.VersionOf(ControlPlane.Namespace, name) is { } held
                    && long.Parse(held, CultureInfo.InvariantCulture) >= version);

    private static async Task Until(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new Xunit.Sdk.XunitException("the cache did not catch up within 15 s");
            await Task.Delay(10);
        }
    }

    private sealed class Quiet : IControllerObserver
    {
        public void Reconciled(string @namespace, ObjectKey key, ObjectReport report, TimeSpan duration) { }
        public void ReconcileCrashed(string @namespace, ObjectKey key, Exception error, TimeSpan duration) { }
        public void Planned(string @namespace, string system, SystemPlan plan) { }
        public void Unparseable(string @namespace, string system, IReadOnlyList<string> errors) { }
        public void QueueDepth(int depth) { }
        public void Dequeued(TimeSpan waited) { }
        public void Watch(string resource, string what, string detail) { }
    }
}
