using System.Text.Json.Nodes;
using Hotswap.Core.Children;
using Hotswap.Core.Spec;
using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;
using Hotswap.Operator.Running;
using Hotswap.Testing.KubeApi;
using k8s;
using Microsoft.Extensions.Time.Testing;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// The controller against the test API server with hotswap's CRDs, ArgoCD's stand-in, a stand-in
/// Job controller (every Job completes), the simulated ALB and EKS (behind the production EKS
/// cache), and metrics that always pass — on a fake clock the test moves: <see cref="RunUntilAsync"/>
/// lets the controller settle in real time (watches, workers), then moves the clock to the next
/// key it waits for.
/// </summary>
public sealed class ControlPlaneRig : IAsyncDisposable
{
    public const string Ns = ControlPlane.Namespace;
    public const string Listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2";

    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource leading = new();
    private readonly List<Task> background = [];

    private ControlPlaneRig(KubeApiServer server, ArgoCDStandIn argo, FakeTimeProvider time, SerialLoadBalancer loadBalancer,
        IKubernetes client, ControllerOptions options)
    {
        Server = server;
        Argo = argo;
        Time = time;
        LoadBalancer = loadBalancer;
        Client = client;
        Options = options;
        var clock = new SimulatedClock(time.GetUtcNow());
        var eks = new SimulatedEks(clock, new FaultInjection(FaultRates.None, 1), 100);
        foreach (var c in Clusters) eks.AddCluster(c, Some(clock.Now.AddHours(-1)));
        Controller = new Controller(client, options, loadBalancer, new CachingEks(eks, time.GetUtcNow, CachingEks.DefaultResync),
            new PassingMetrics(), null, time, Observer);
    }

    private static readonly string[] Clusters =
        ["mycluster-web-1-v1", "mycluster-web-2-v1", "mycluster-web-1-v2", "mycluster-web-2-v2", "mycluster-api-v1", "mycluster-backgroundjobs-v1"];

    public KubeApiServer Server { get; }
    public ArgoCDStandIn Argo { get; }
    public FakeTimeProvider Time { get; }
    public Controller Controller { get; }
    public SerialLoadBalancer LoadBalancer { get; }
    public IKubernetes Client { get; }
    public ControllerOptions Options { get; }
    public RecordingObserver Observer { get; } = new();

    /// <param name="failWrites">Every write the controller sends fails with a 500 (seeding through the store still works).</param>
    public static async Task<ControlPlaneRig> StartAsync(bool dryRun = false, TimeSpan? resync = null, bool failWrites = false)
    {
        var server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared, failWrites);
        foreach (var set in ApplicationSets()) server.Apply(set);
        var argo = ArgoCDStandIn.Start(server);
        var simulated = new SimulatedLoadBalancer(new FaultInjection(FaultRates.None, 1), 100);
        simulated.AddRule(Listener, 10);
        simulated.AddRule(Listener, 11);
        var options = new ControllerOptions([Ns], ControlPlane.ArgoNamespace, 2, resync ?? TimeSpan.FromMinutes(10), dryRun, "test-replica");
        var rig = new ControlPlaneRig(server, argo, new FakeTimeProvider(DateTimeOffset.UtcNow), new SerialLoadBalancer(simulated),
            ControlPlane.Client(server), options);
        rig.background.Add(Task.Run(rig.CompleteJobsAsync));
        await rig.Controller.StartCachesAsync(rig.stop.Token);
        rig.background.Add(Task.Run(() => rig.Controller.RunWorkersAsync(rig.leading.Token)));
        return rig;
    }

    /// <summary>A System from examples/, in the test namespace, as kubectl apply would create it.</summary>
    public static JsonObject Example(string file)
    {
        var o = YamlJson.ReadPath(Path.Combine(RepoFiles.Root, "examples", file)).Single();
        o["metadata"]!["namespace"] = Ns;
        return o;
    }

    private ResourceType Systems => Server.Catalog.Find("hotswap.mumoshu.github.io", "v1alpha1", "systems")!;

    /// <summary>Creates the System, or replaces only its spec (as kubectl apply does: finalizers and status stay).</summary>
    public void Apply(JsonObject system)
    {
        var name = system["metadata"]!["name"]!.GetValue<string>();
        var current = Server.Store.Find(Systems, Ns, name);
        if (current is null)
        {
            Server.Apply(system);
            return;
        }
        current["spec"] = system["spec"]!.DeepClone();
        Server.Store.Update(Systems, Ns, name, current);
    }

    public JsonObject? System(string name) => Server.Store.Find(Systems, Ns, name);

    public string Phase(string name) => System(name)?["status"]?["phase"]?.ToString() ?? "";

    /// <summary>Writes the controller sent (POST, PUT, PATCH, DELETE), counted at the server.</summary>
    public int Writes => Server.Requests.Count(r => !r.StartsWith("GET ", StringComparison.Ordinal));

    /// <summary>Reads the controller sent that were not watches (gets and lists), counted at the server.</summary>
    public int Reads => Server.Requests.Count(r => r.StartsWith("GET ", StringComparison.Ordinal) && !r.Contains("watch=true", StringComparison.Ordinal));

    /// <summary>Until nothing is ready or in flight for a while (watch events included).</summary>
    public async Task SettleAsync()
    {
        var quietSince = DateTime.UtcNow;
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow - quietSince < TimeSpan.FromMilliseconds(150))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the controller never settled");
            if (Controller.Queue.Ready > 0 || Controller.Queue.InFlight > 0) quietSince = DateTime.UtcNow;
            await Task.Delay(5);
        }
    }

    /// <summary>Settles, and moves the clock to the next waiting key, until <paramref name="done"/>; returns the clock moves.</summary>
    public async Task<int> RunUntilAsync(Func<bool> done, int maxMoves = 400)
    {
        for (var moves = 0; moves < maxMoves; moves++)
        {
            await SettleAsync();
            if (done()) return moves;
            var next = Controller.Queue.NextDue;
            var step = next is { } due ? due - Time.GetUtcNow() : TimeSpan.FromSeconds(10);
            Time.Advance(step < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : step);
        }
        throw new Xunit.Sdk.XunitException($"not done after {maxMoves} clock moves; the System is {Phase("mysystem")}: {System("mysystem")?["status"]?["message"]}");
    }

    /// <summary>The Job controller: a Job completes as soon as it is created.</summary>
    private async Task CompleteJobsAsync()
    {
        var jobs = Server.Catalog.Find("batch", "v1", "jobs")!;
        using var watcher = Server.Store.Watch(jobs, Ns, Server.Store.CurrentResourceVersion);
        try
        {
            while (await watcher.Channel.Reader.WaitToReadAsync(stop.Token))
                while (watcher.Channel.Reader.TryRead(out var e))
                {
                    if (e.Type != "ADDED") continue;
                    var name = e.Object["metadata"]!["name"]!.GetValue<string>();
                    var current = Server.Store.Find(jobs, Ns, name);
                    if (current is null) continue;
                    current["status"] = JsonNode.Parse("""{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}""");
                    Server.Store.Update(jobs, Ns, name, current, "status");
                }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The ApplicationSets the example System's applications choose: by name (web), by label (api, backgroundjobs).</summary>
    private static IEnumerable<JsonObject> ApplicationSets() => ControlPlane.ReferenceApplicationSets();

    public async ValueTask DisposeAsync()
    {
        await leading.CancelAsync();
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(background);
        }
        catch (OperationCanceledException)
        {
        }
        await Argo.DisposeAsync();
        Controller.Dispose();
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Metric checks that always pass: every query reads 0.</summary>
    private sealed class PassingMetrics : IMetrics
    {
        public Task<MetricReading> QueryAsync(MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default) =>
            Task.FromResult<MetricReading>(new MetricReading.Value(0));
    }
}
