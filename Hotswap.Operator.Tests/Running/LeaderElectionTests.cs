using System.Diagnostics;
using Hotswap.Operator.Hosting;
using Hotswap.Operator.Observability;
using Hotswap.Testing.KubeApi;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// Leader election of two replicas against the test API server, through KubernetesClient's
/// LeaderElector and a coordination.k8s.io/v1 Lease: only one runs workers; a leader that stops
/// releases the lease and the other takes it at once; a leader that dies is replaced within the
/// lease duration; a leader that sees another holder stops its workers at once.
/// </summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private const string Namespace = "hotswap-system";
    private static readonly LeaderElectionSettings Election = new(true, Namespace, "hotswap-operator",
        LeaseDuration: TimeSpan.FromSeconds(4), RenewDeadline: TimeSpan.FromSeconds(3), RetryPeriod: TimeSpan.FromMilliseconds(250));

    private KubeApiServer server = null!;
    private readonly FakeController.Tally tally = new();
    private readonly List<Replica> replicas = [];

    public async Task InitializeAsync()
    {
        server = await KubeApiServer.StartAsync();
        server.Apply(new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = Namespace },
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var r in replicas) await r.StopAsync();
        await server.DisposeAsync();
    }

    /// <summary>One replica: its own client (which a test can cut off, as if the process died), elector and fake controller.</summary>
    private sealed class Replica(string identity, KubeApiServer server, FakeController.Tally tally) : IAsyncDisposable
    {
        private readonly CancellationTokenSource stopping = new();
        private readonly Cutoff cutoff = new();

        public string Identity => identity;
        public FakeController Controller { get; } = new(tally);
        public Task Run { get; private set; } = Task.CompletedTask;

        public Replica Start()
        {
            var client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Url }, cutoff);
            var workers = new LeaderElectedWorkers(client, Election, identity, Controller, new OperatorMetrics(processMetrics: false),
                NullLogger.Instance);
            Run = Task.Run(() => workers.RunAsync(stopping.Token));
            return this;
        }

        /// <summary>As if the process died: no more requests reach the API server, nothing is released.</summary>
        public void Kill() => cutoff.Cut = true;

        public async Task StopAsync()
        {
            await stopping.CancelAsync();
            try
            {
                await Run.WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (HttpRequestException) when (cutoff.Cut)
            {
            }
        }

        public async ValueTask DisposeAsync() => await StopAsync();
    }

    private sealed class Cutoff : DelegatingHandler
    {
        public volatile bool Cut;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Cut ? throw new HttpRequestException("connection refused (replica killed)") : base.SendAsync(request, cancellationToken);
    }

    private Replica Start(string identity)
    {
        var r = new Replica(identity, server, tally).Start();
        replicas.Add(r);
        return r;
    }

    private async Task<string?> Holder()
    {
        var lease = await ControlPlane.Client(server).CoordinationV1.ReadNamespacedLeaseAsync(Election.Name, Namespace);
        return lease.Spec.HolderIdentity;
    }

    private static async Task<Replica> FirstToLead(params Replica[] candidates)
    {
        var started = await Task.WhenAny(candidates.Select(c => c.Controller.WorkersStarted)).WaitAsync(TimeSpan.FromSeconds(15));
        return candidates.Single(c => c.Controller.WorkersStarted == started || c.Controller.Working);
    }

    /// <summary>Another holder takes the lease (retrying while the leader's renewals conflict with it).</summary>
    private async Task TakeLease(string holder)
    {
        var client = ControlPlane.Client(server);
        for (var attempt = 0; ; attempt++)
        {
            var lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(Election.Name, Namespace);
            lease.Spec.HolderIdentity = holder;
            lease.Spec.RenewTime = DateTime.UtcNow;
            try
            {
                await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, Election.Name, Namespace);
                return;
            }
            catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 20)
            {
            }
        }
    }

    [Fact]
    public async Task Of_two_replicas_only_the_lease_holder_runs_workers()
    {
        var a = Start("replica-a");
        var b = Start("replica-b");

        var leader = await FirstToLead(a, b);
        await Task.Delay(Election.LeaseDuration * 1.5);

        Assert.Equal(1, tally.MostAtOnce);
        Assert.Equal(leader.Identity, await Holder());
        Assert.Equal(1, leader.Controller.Terms);
        Assert.Equal(0, (leader == a ? b : a).Controller.Terms);
    }

    [Fact]
    public async Task A_leader_that_stops_finishes_its_command_releases_the_lease_and_the_other_takes_it_at_once()
    {
        var a = Start("replica-a");
        await a.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(15));
        var b = Start("replica-b");
        await Task.Delay(Election.RetryPeriod * 4);

        await a.StopAsync();
        var released = await Holder();
        var clock = Stopwatch.StartNew();
        await b.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(1, a.Controller.FinishedCommands);
        Assert.Equal("", released);
        Assert.True(clock.Elapsed < Election.LeaseDuration / 2, $"took over after {clock.Elapsed}, not at once");
        Assert.Equal("replica-b", await Holder());
        Assert.Equal(1, tally.MostAtOnce);
    }

    [Fact]
    public async Task A_killed_leader_is_replaced_within_the_lease_duration_and_never_alongside_it()
    {
        var a = Start("replica-a");
        await a.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(15));
        var b = Start("replica-b");
        await Task.Delay(Election.RetryPeriod * 4);

        a.Kill();
        var clock = Stopwatch.StartNew();
        await b.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(15));
        var handover = clock.Elapsed;

        // The dead replica's renew deadline passed: it stopped its own workers before b started.
        Assert.False(a.Controller.Working);
        Assert.Equal(1, tally.MostAtOnce);
        Assert.True(handover < Election.LeaseDuration + Election.RetryPeriod * 4, $"handed over after {handover}");
        Assert.True(handover > Election.RenewDeadline, $"handed over after {handover}: before the old leader's renew deadline");
    }

    [Fact]
    public async Task A_leader_that_sees_another_holder_cancels_its_workers_at_once()
    {
        var a = Start("replica-a");
        await a.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(15));
        a.Controller.ExpectNextStop();

        await TakeLease("intruder");
        var clock = Stopwatch.StartNew();
        await a.Controller.WorkersStopped.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(clock.Elapsed < Election.RenewDeadline, $"stopped after {clock.Elapsed}, not at once");
    }
}
