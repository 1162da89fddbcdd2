using System.Text;
using System.Text.Json.Nodes;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;
using Hotswap.Testing.KubeApi;
using k8s;
using static Hotswap.Integration.Tests.Kubernetes.ContractFixtures;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// What only the real adapters do: namespaced secret names, adoption of a secret someone else
/// made, ArgoCD objects shaped by the real CRDs, TargetGroupBindings in a workload cluster, and
/// the finalizer that cleans up across namespaces — against the test API server.
/// </summary>
public sealed class KubernetesAdapterTests : IAsyncLifetime
{
    private KubeApiServer? server;
    private IKubernetes? client;

    private KubeApiServer Server => server!;

    private KubernetesObjects Port(string ns = ControlPlane.Namespace) => new(client!, ns, ControlPlane.ArgoNamespace);

    public async Task InitializeAsync()
    {
        server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared);
        client = ControlPlane.Client(server);
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (server is not null) await server.DisposeAsync();
    }

    private async Task<Seq<k8s.Models.V1Secret>> ArgoSecretsAsync() =>
        (await client!.CoreV1.ListNamespacedSecretAsync(ControlPlane.ArgoNamespace)).Items.ToSeq().Strict();

    private int Writes() => Server.Requests.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal));

    [Fact]
    public async Task Two_same_named_systems_in_two_namespaces_get_two_secrets()
    {
        var teamA = Port("team-a");
        var teamB = Port("team-b");
        await teamA.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", SecretData("mysystem-web-1", "https://a.eks"), SecretLabels);
        await teamB.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", SecretData("mysystem-web-1", "https://b.eks"), SecretLabels);

        var names = (await ArgoSecretsAsync()).Map(s => s.Metadata.Name).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "team-a.mysystem-web-1", "team-b.mysystem-web-1" }, names.ToArray());
        Assert.Equal(Some("https://a.eks"), (await teamA.GetSecretAsync("mysystem-web-1")).Data.Find("server"));
        Assert.Equal(Some("https://b.eks"), (await teamB.GetSecretAsync("mysystem-web-1")).Data.Find("server"));
        Assert.Equal(Some("team-a.mysystem-web-1"), (await teamA.GetSecretAsync("mysystem-web-1")).Data.Find("name"));
    }

    [Fact]
    public async Task A_secret_someone_made_for_the_same_server_is_adopted_not_duplicated_and_not_rewritten()
    {
        Server.Apply(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["type"] = "Opaque",
            ["metadata"] = new JsonObject
            {
                ["name"] = "prod-web-1", ["namespace"] = "argocd",
                ["labels"] = new JsonObject { ["argocd.argoproj.io/secret-type"] = "cluster", ["team"] = "web" },
            },
            ["data"] = new JsonObject
            {
                ["name"] = B64("prod-web-1"), ["server"] = B64("https://web-1.eks"), ["config"] = B64("""{"bearerToken":"t"}"""),
            },
        });
        var port = Port();
        var data = SecretData("mysystem-web-1", "https://web-1.eks");

        await port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", data, SecretLabels);

        var secrets = await ArgoSecretsAsync();
        var adopted = Assert.Single(secrets);
        Assert.Equal("prod-web-1", adopted.Metadata.Name);
        Assert.Equal("prod-web-1", Encoding.UTF8.GetString(adopted.Data["name"]));
        Assert.Equal("web", adopted.Metadata.Labels["team"]);
        Assert.Equal(data.Find("config"), Some(Encoding.UTF8.GetString(adopted.Data["config"])));
        var seen = await port.GetSecretAsync("mysystem-web-1");
        Assert.Equal("mysystem-web-1", seen.Name);
        Assert.Contains(await port.ListClusterSecretsAsync(), s => s.Name == "mysystem-web-1");

        var before = Writes();
        Assert.Equal(PortErrorKind.AlreadyExists,
            (await Assert.ThrowsAsync<PortException>(() => port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1", data, SecretLabels))).Kind);
        await port.PatchSecretDataAsync("mysystem-web-1", data);
        Assert.Equal(before, Writes());

        await port.DeleteClusterSecretAsync("mysystem-web-1");
        var released = Assert.Single(await ArgoSecretsAsync());
        Assert.False(released.Metadata.Labels.ContainsKey(WellKnown.ManagedByLabel));
        Assert.Equal("web", released.Metadata.Labels["team"]);
    }

    [Fact]
    public async Task Applications_and_application_sets_are_read_from_objects_shaped_by_the_real_crds()
    {
        var world = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml")).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        WorldSeeder.Seed(Server, ControlPlane.System(RepoFiles.Root, "mysystem"), world);
        var port = Port();

        var sets = await port.ListApplicationSetsAsync();
        var apps = await port.ListApplicationsAsync();

        Assert.Equal(world.ApplicationSets.OrderBy(s => s.Name, StringComparer.Ordinal), sets);
        Assert.Equal(world.Applications.OrderBy(a => a.Name, StringComparer.Ordinal), apps);
    }

    [Fact]
    public async Task Target_group_bindings_are_read_inside_the_workload_cluster_with_the_credentials_given()
    {
        await using var workload = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            Load = [RepoFiles.SharedPath("upstream", "aws-load-balancer-controller")],
        });
        workload.Apply((JsonObject)JsonNode.Parse("""
            {"apiVersion": "elbv2.k8s.aws/v1beta1", "kind": "TargetGroupBinding",
             "metadata": {"name": "web", "namespace": "shop", "labels": {"svc": "web"}},
             "spec": {"targetGroupARN": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067",
                      "serviceRef": {"name": "web", "port": 80}}}
            """)!);
        var credentials = new StaticWorkloadClusterCredentials(Map(("web-1", new WorkloadClusterAccess(workload.Url, "", "token-web-1"))));
        var port = new KubernetesObjects(client!, ControlPlane.Namespace, ControlPlane.ArgoNamespace, credentials);

        var bindings = await port.ListTargetGroupBindingsAsync("web-1", "eks-web-1");
        var unknown = await Assert.ThrowsAsync<PortException>(() => port.ListTargetGroupBindingsAsync("web-9", "eks-web-9"));

        Assert.Equal(
            new[] { new TargetGroupBinding("web-1", "shop/web", Map(("svc", "web")),
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067") },
            bindings.ToArray());
        Assert.Equal(PortErrorKind.Forbidden, unknown.Kind);
    }

    [Fact]
    public async Task Deleting_a_system_deletes_its_argocd_secrets_in_the_other_namespace_then_lets_it_go()
    {
        var world = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml")).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var manifest = ControlPlane.System(RepoFiles.Root, "mysystem");
        WorldSeeder.Seed(Server, manifest, world);
        var spec = SystemManifest.Parse(manifest.ToJsonString()).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var aws = new RecordedAws(world);
        var loop = new ReconcileLoop(new PortSet(Port(), aws, aws, new SteadyMetrics()));
        var now = DateTimeOffset.Parse("2026-11-24T10:05:06Z");
        Assert.Equal(6, (await ArgoSecretsAsync()).Count);

        await client!.CustomObjects.DeleteNamespacedCustomObjectAsync(
            HotswapKinds.Group, HotswapKinds.Version, ControlPlane.Namespace, HotswapKinds.Systems, "mysystem");
        var first = await loop.ReconcileOnceAsync(spec, now);
        Assert.Empty(await ArgoSecretsAsync());
        Assert.NotNull(await client.CustomObjects.GetNamespacedCustomObjectAsync(
            HotswapKinds.Group, HotswapKinds.Version, ControlPlane.Namespace, HotswapKinds.Systems, "mysystem"));
        Assert.DoesNotContain(first.Executed, c => c is Core.Planning.Command.SetForwardWeights or Core.Planning.Command.WriteClusterSecret);

        var second = await loop.ReconcileOnceAsync(spec, now.AddSeconds(1));
        Assert.Contains(second.Executed, c => c is Core.Planning.Command.RemoveFinalizer);
        var gone = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => client.CustomObjects.GetNamespacedCustomObjectAsync(
            HotswapKinds.Group, HotswapKinds.Version, ControlPlane.Namespace, HotswapKinds.Systems, "mysystem"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    private sealed class SteadyMetrics : IMetrics
    {
        public Task<Core.Children.MetricReading> QueryAsync(MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default) =>
            Task.FromResult<Core.Children.MetricReading>(new Core.Children.MetricReading.Value(0.001));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
