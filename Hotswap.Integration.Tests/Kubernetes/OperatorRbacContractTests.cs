using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Testing.KubeApi;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using LanguageExt;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// The Kubernetes adapters' whole contract, run as the operator's ServiceAccount against a test
/// API server that enforces deploy/rbac/ as Kubernetes' RBAC authorizer does: every call the
/// adapters make for <c>hotswap run</c> is allowed by the install manifests, and a call they are
/// not allowed fails as Forbidden (and fails the test in <see cref="DisposeAsync"/> even if the
/// adapter swallowed it). Two ports are exceptions, reached with an unrestricted client: Events'
/// listing (that is <c>hotswap get</c>, a person's call) and the contract's Lease, named
/// "hotswap-leader" in the Systems' namespace; the operator's own Lease is tested with
/// KubernetesClient's LeaderElector in hotswap-system below. TargetGroupBindings are listed from a
/// second server, a workload cluster enforcing deploy/workload-cluster/.
/// </summary>
public sealed class OperatorRbacContractTests : KubernetesContract
{
    private const string Operator = "system:serviceaccount:hotswap-system:hotswap";
    private const string OperatorNamespace = "hotswap-system";

    private readonly ConcurrentQueue<KubeRequestAttributes> denied = new();
    private KubeApiServer? server;
    private IKubernetes? asOperator;
    private IKubernetes? asAdmin;
    private KubernetesObjects? port;
    private IEvents? events;
    private ILeases? leases;

    protected override IKubernetesObjects Port => port!;

    protected override IEvents Events => events!;

    protected override ILeases Leases => leases!;

    /// <summary>The operator's roles and bindings, as kubectl apply -k deploy/ creates them.</summary>
    private static RbacPolicy OperatorPolicy() => new(YamlJson.ReadPath(RepoFiles.PathOf("deploy", "rbac")));

    /// <summary>Requests of <paramref name="user"/> go through <paramref name="policy"/>; everyone else may do anything.</summary>
    private Func<KubeRequestAttributes, bool> Enforce(RbacPolicy policy, string user) => request =>
    {
        if (request.User != user) return true;
        var allowed = policy.Allows(request);
        if (!allowed) denied.Enqueue(request);
        return allowed;
    };

    private static IKubernetes Client(KubeApiServer s, string user) =>
        new k8s.Kubernetes(new KubernetesClientConfiguration { Host = s.Url, AccessToken = user });

    public override async Task InitializeAsync()
    {
        server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared, authorize: Enforce(OperatorPolicy(), Operator));
        server.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = OperatorNamespace } });
        asOperator = Client(server, Operator);
        asAdmin = Client(server, "admin");
        port = new KubernetesObjects(asOperator, ControlPlane.Namespace, ControlPlane.ArgoNamespace);
        events = new RecordedAsOperator(
            new KubernetesEvents(asOperator, ControlPlane.Namespace, "rbac-test"),
            new KubernetesEvents(asAdmin, ControlPlane.Namespace, "rbac-test"));
        leases = new KubernetesLeases(asAdmin, ControlPlane.Namespace);
    }

    public override async Task DisposeAsync()
    {
        asOperator?.Dispose();
        asAdmin?.Dispose();
        if (server is not null) await server.DisposeAsync();
        Assert.True(denied.IsEmpty, "the operator was refused: " + string.Join("; ", denied));
    }

    protected override Task SeedSystemAsync(string name)
    {
        server!.Apply(ControlPlane.System(RepoFiles.Root, name));
        return Task.CompletedTask;
    }

    protected override Task DeleteSystemAsync(string name) =>
        asAdmin!.CustomObjects.DeleteNamespacedCustomObjectAsync(
            HotswapKinds.Group, HotswapKinds.Version, ControlPlane.Namespace, HotswapKinds.Systems, name);

    /// <summary>Events recorded with the operator's rights; listed (hotswap get) with a person's.</summary>
    private sealed class RecordedAsOperator(IEvents recorder, IEvents reader) : IEvents
    {
        public Task RecordAsync(EventObject e) => recorder.RecordAsync(e);

        public Task<Seq<EventObject>> ListAsync(string kind, string name) => reader.ListAsync(kind, name);
    }

    /// <summary>
    /// What <c>hotswap run</c> does with its Lease: KubernetesClient's LeaderElector takes
    /// "hotswap-operator" in the operator's namespace and renews it; on shutdown the host releases
    /// it by writing an empty holder through the same lock. Another Lease name is refused.
    /// </summary>
    [SkippableFact]
    public async Task The_leader_election_lease_is_taken_renewed_and_released_as_the_operator()
    {
        var errors = new ConcurrentQueue<Exception>();
        var lease = new LeaseLock(asOperator!, OperatorNamespace, "hotswap-operator", "hotswap-7d9f-a");
        using var elector = new LeaderElector(new LeaderElectionConfig(lease)
        {
            // Generous for a loaded CI machine: a renewal slower than RenewDeadline is an error.
            LeaseDuration = TimeSpan.FromSeconds(15), RenewDeadline = TimeSpan.FromSeconds(10), RetryPeriod = TimeSpan.FromMilliseconds(100),
        });
        elector.OnError += errors.Enqueue;
        var leading = new TaskCompletionSource();
        elector.OnStartedLeading += () => leading.TrySetResult();
        using var stop = new CancellationTokenSource();
        var running = elector.RunUntilLeadershipLostAsync(stop.Token);

        await leading.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var taken = await asAdmin!.CoordinationV1.ReadNamespacedLeaseAsync("hotswap-operator", OperatorNamespace);
        var renewed = taken;
        for (var waited = 0; waited < 200 && !(renewed.Spec.RenewTime > taken.Spec.RenewTime); waited++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            renewed = await asAdmin.CoordinationV1.ReadNamespacedLeaseAsync("hotswap-operator", OperatorNamespace);
        }
        // Stopping cancels a renewal in flight, which the elector reports too: only errors while leading count.
        var whileLeading = errors.ToArray();
        await stop.CancelAsync();
        await running.ContinueWith(_ => { }, TaskScheduler.Default);

        var record = await lease.GetAsync();
        record.HolderIdentity = "";
        Assert.True(await lease.UpdateAsync(record), "releasing the lease failed");
        var released = await asAdmin.CoordinationV1.ReadNamespacedLeaseAsync("hotswap-operator", OperatorNamespace);

        Assert.Equal("hotswap-7d9f-a", taken.Spec.HolderIdentity);
        Assert.True(renewed.Spec.RenewTime > taken.Spec.RenewTime, "the lease was not renewed");
        Assert.Equal("", released.Spec.HolderIdentity ?? "");
        Assert.Empty(whileLeading);

        var other = new LeaseLock(asOperator!, OperatorNamespace, "someone-else", "hotswap-7d9f-a");
        var refused = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => other.GetAsync());
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Equal("get leases.coordination.k8s.io hotswap-system/someone-else",
            Assert.Single(denied).ToString()[(Operator.Length + 2)..]);
        denied.Clear();
    }

    /// <summary>
    /// A workload cluster that grants deploy/workload-cluster/ (list on TargetGroupBindings to the
    /// group hotswap-targetgroupbinding-readers) and nothing else: the adapter lists its bindings
    /// with the token of an identity mapped to that group.
    /// </summary>
    [SkippableFact]
    public async Task TargetGroupBindings_are_listed_with_the_workload_cluster_role_alone()
    {
        const string identity = "arn:aws:sts::123456789012:assumed-role/hotswap-operator/hotswap";
        var policy = new RbacPolicy(YamlJson.ReadPath(RepoFiles.PathOf("deploy", "workload-cluster")),
            user => user == identity ? ["hotswap-targetgroupbinding-readers", "system:authenticated"] : RbacPolicy.ServiceAccountGroups(user));
        await using var workload = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            Load = [RepoFiles.SharedPath("upstream", "aws-load-balancer-controller")],
            Authorize = Enforce(policy, identity),
        });
        workload.Apply((JsonObject)JsonNode.Parse("""
            {"apiVersion":"elbv2.k8s.aws/v1beta1","kind":"TargetGroupBinding",
             "metadata":{"name":"web","namespace":"shop","labels":{"svc":"web"}},
             "spec":{"serviceRef":{"name":"web","port":80},"targetGroupARN":"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067"}}
            """)!);
        var credentials = new StaticWorkloadClusterCredentials(
            Prelude.Map(("web-1", new WorkloadClusterAccess(workload.Url, "", identity))));
        var objects = new KubernetesObjects(asOperator!, ControlPlane.Namespace, ControlPlane.ArgoNamespace, credentials);

        var bindings = await objects.ListTargetGroupBindingsAsync("web-1", "mycluster-web-1-v2");

        Assert.Equal(new[] { "shop/web" }, bindings.Map(b => b.Name).ToArray());
        using var asIdentity = Client(workload, identity);
        var get = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() =>
            asIdentity.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>("elbv2.k8s.aws", "v1beta1", "shop", "targetgroupbindings", "web"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, get.Response.StatusCode);
        Assert.Single(denied);
        denied.Clear();
    }
}
