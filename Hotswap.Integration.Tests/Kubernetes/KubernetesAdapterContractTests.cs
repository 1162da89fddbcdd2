using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Testing.KubeApi;
using k8s;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>The KubernetesClient adapters, against the stateful test API server, on the shared contract.</summary>
public sealed class KubernetesAdapterContractTests : KubernetesContract
{
    private KubeApiServer? server;
    private IKubernetes? client;
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
        port = new KubernetesObjects(client, ControlPlane.Namespace, ControlPlane.ArgoNamespace);
        events = new KubernetesEvents(client, ControlPlane.Namespace, "contract-test");
        leases = new KubernetesLeases(client, ControlPlane.Namespace);
    }

    public override async Task DisposeAsync()
    {
        client?.Dispose();
        if (server is not null) await server.DisposeAsync();
    }

    protected override Task SeedSystemAsync(string name)
    {
        server!.Apply(ControlPlane.System(RepoFiles.Root, name));
        return Task.CompletedTask;
    }

    protected override Task DeleteSystemAsync(string name) =>
        client!.CustomObjects.DeleteNamespacedCustomObjectAsync(
            HotswapKinds.Group, HotswapKinds.Version, ControlPlane.Namespace, HotswapKinds.Systems, name);
}
