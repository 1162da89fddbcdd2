using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Operator.Queueing;
using Hotswap.Operator.Watching;
using k8s;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Running;

/// <summary>
/// <c>hotswap run</c>'s controller: informers fill the caches (<see cref="Caches"/>) on every
/// replica; each change becomes work-queue keys (<see cref="EventKeys"/>); while leading, N
/// workers take keys and run the same per-kind reconcilers as <c>simulate</c>
/// (<see cref="ReconcileLoop"/>, one per namespace, reading the caches) with <c>now</c> from the
/// <see cref="TimeProvider"/> and the leadership token as the cancellation. A key is queued again
/// when its reconcile asks (RequeueAfter), after a back-off when it failed or threw, and for every
/// object at each resync; AWS and metrics are read only by reconciles, so only at that cadence.
/// </summary>
public sealed class Controller : IOperatorController, IDisposable
{
    /// <summary>Children read their own spec; the System spec a child key is reconciled with is not read.</summary>
    private static readonly SystemSpec NoSpec = new("", 0, Seq<ClusterSpec>(), Seq<ApplicationSpec>(), RollbackPolicy.Default);

    /// <summary>The shortest requeue of a reconcile that executed no command.</summary>
    public static readonly TimeSpan QuietRequeue = TimeSpan.FromSeconds(1);

    private sealed record Lane(KubernetesObjects Kubernetes, PortSet Ports, ReconcileLoop Loop);

    private readonly IKubernetes client;
    private readonly ControllerOptions options;
    private readonly ILoadBalancer loadBalancer;
    private readonly IEks eks;
    private readonly IMetrics metrics;
    private readonly Func<Func<string, Option<string>>, IWorkloadClusterCredentials>? workloads;
    private readonly TimeProvider time;
    private readonly IControllerObserver observer;
    private readonly EventKeys keys;
    private readonly ConcurrentDictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Namespace, string Name), (string Version, Validation<SpecError, SystemSpec> Spec)> specs = new();
    private int started;

    /// <param name="client">The control-plane cluster.</param>
    /// <param name="options">Namespaces, workers, resync, dry run.</param>
    /// <param name="loadBalancer">ELBv2 (retrying inside, as <see cref="Hotswap.Effects.Aws.AwsClients"/> builds it).</param>
    /// <param name="eks">EKS, likewise.</param>
    /// <param name="metrics">The metric providers.</param>
    /// <param name="workloads">Workload-cluster credentials given how to find a cluster's eks.roleARN; null: unreachable.</param>
    /// <param name="time">The clock of every reconcile's now, the queue's delays and the resync.</param>
    /// <param name="observer">Where reconciles, the queue and the watches are reported.</param>
    /// <param name="watchTimeout">How long one watch request lasts; default 5–10 minutes.</param>
    public Controller(
        IKubernetes client, ControllerOptions options, ILoadBalancer loadBalancer, IEks eks, IMetrics metrics,
        Func<Func<string, Option<string>>, IWorkloadClusterCredentials>? workloads, TimeProvider time, IControllerObserver observer,
        TimeSpan? watchTimeout = null)
    {
        this.client = client;
        this.options = options;
        this.loadBalancer = loadBalancer;
        this.eks = eks;
        this.metrics = metrics;
        this.workloads = workloads;
        this.time = time;
        this.observer = observer;
        Queue = new WorkQueue<QueueKey>(time, observer.QueueDepth, observer.Dequeued);
        Caches = new Caches(client, options.Namespaces, options.ArgoNamespace, observer, time, Changed, watchTimeout);
        keys = new EventKeys(Caches);
    }

    public Caches Caches { get; }

    public WorkQueue<QueueKey> Queue { get; }

    /// <summary>Calls the reconcilers made to the ports, by operation, over every namespace.</summary>
    public PortCalls Calls { get; } = new();

    public bool CachesSynced => Caches.Synced;

    public Task StartCachesAsync(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref started, 1) == 0) _ = Caches.RunAsync(stopping);
        return Task.CompletedTask;
    }

    public async Task RunWorkersAsync(CancellationToken leading)
    {
        try
        {
            // A reconcile planned from a half-listed cache could act on a world that is not there.
            while (!CachesSynced) await Task.Delay(TimeSpan.FromMilliseconds(20), leading);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // A replica that becomes leader looks at everything once, as a fresh process would.
        foreach (var key in keys.All()) Queue.Add(key);
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(() => WorkAsync(leading), CancellationToken.None));
        await Task.WhenAll([.. workers, ResyncAsync(leading)]);
    }

    private void Changed(CacheChange change)
    {
        foreach (var key in keys.Of(change)) Queue.Add(key);
    }

    private async Task ResyncAsync(CancellationToken leading)
    {
        if (options.ResyncPeriod <= TimeSpan.Zero) return;
        try
        {
            while (true)
            {
                await Task.Delay(options.ResyncPeriod, time, leading);
                foreach (var key in keys.All()) Queue.Add(key);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WorkAsync(CancellationToken leading)
    {
        while (true)
        {
            QueueKey key;
            try
            {
                key = await Queue.TakeAsync(leading);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await ReconcileAsync(key, leading);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ReconcileAsync(QueueKey key, CancellationToken leading)
    {
        var begun = time.GetTimestamp();
        var now = time.GetUtcNow();
        try
        {
            var lane = LaneFor(key.Namespace);
            var spec = NoSpec;
            if (key.Key.Kind == ObjectKind.System)
            {
                var found = await Caches.Systems.GetAsync(key.Namespace, key.Key.Name);
                if (found.IsNone)
                {
                    // Gone: its children go with it through ownerReferences; the finalizer path is the planner's.
                    Queue.Forget(key);
                    observer.Reconciled(key.Namespace, key.Key, ObjectReport.Gone(key.Key, now), time.GetElapsedTime(begun));
                    return;
                }
                var manifest = found.IfNone(() => throw new InvalidOperationException());
                var parsed = Parse(key.Namespace, manifest);
                if (parsed.IsFail && manifest["metadata"]?["deletionTimestamp"] is null)
                {
                    await UnparseableAsync(key, lane, parsed.FailToSeq(), now, begun);
                    return;
                }
                // A System being deleted that cannot be parsed is still let go: the finalizer's
                // decision needs only its name (its secrets are found through its children).
                spec = parsed.IfFail(_ => SystemFinalizer.DeletionSpec(key.Key.Name,
                    manifest["metadata"]?["generation"]?.GetValue<long>() ?? 1));
                if (options.DryRun)
                {
                    await PlanOnlyAsync(key, lane, spec, now, begun);
                    return;
                }
            }
            else if (options.DryRun) return;
            var report = await lane.Loop.ReconcileAsync(key.Key, spec, now, null, leading);
            observer.Reconciled(key.Namespace, key.Key, report, time.GetElapsedTime(begun));
            if (report.Interrupted) return;
            // A reconcile that ran nothing changed nothing: asking again at once would spin, so it
            // waits at least QuietRequeue, as the simulation's quiet reconciles do.
            var after = report.Outcomes.IsEmpty ? report.RequeueAfter.Map(d => d < QuietRequeue ? QuietRequeue : d) : report.RequeueAfter;
            Requeue(key, report.Failed, after);
        }
        catch (OperationCanceledException) when (leading.IsCancellationRequested)
        {
            // Leadership ended: the key stays for whoever leads next.
        }
        catch (Exception e)
        {
            observer.ReconcileCrashed(key.Namespace, key.Key, e, time.GetElapsedTime(begun));
            Queue.AddRateLimited(key);
        }
    }

    /// <summary>
    /// A failure backs off; success forgets the back-off. Either way the key comes back when its
    /// planner asked (the earlier of the two wins), so one application's failing command does not
    /// hold back the System's other applications beyond their own cadence — except that after a
    /// failure it waits at least its back-off, up to <see cref="QuietRequeue"/>: a planner that asks
    /// "again at once" would otherwise retry the failing command in a tight loop.
    /// </summary>
    private void Requeue(QueueKey key, bool failed, Option<TimeSpan> after)
    {
        if (failed) Queue.AddRateLimited(key);
        else Queue.Forget(key);
        var floor = failed ? Min(WorkQueue<QueueKey>.Backoff(Queue.Failures(key)), QuietRequeue) : TimeSpan.Zero;
        foreach (var delay in after) Queue.AddAfter(key, delay < floor ? floor : delay);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Dry run: observe and plan the System and its children as one; nothing runs, nothing is recorded.</summary>
    private async Task PlanOnlyAsync(QueueKey key, Lane lane, SystemSpec spec, DateTimeOffset now, long begun)
    {
        var observed = await new Observer(lane.Ports, Calls).ObserveAsync(spec);
        if (observed.IsLeft)
        {
            var error = observed.Match(_ => "", e => e.ToString());
            observer.Reconciled(key.Namespace, key.Key, ObjectReport.Unobserved(key.Key, now, error), time.GetElapsedTime(begun));
            Queue.AddRateLimited(key);
            return;
        }
        var world = observed.Match(o => o.World, _ => throw new InvalidOperationException());
        var plan = Reconciliation.PlanValidated(spec, world, now);
        if (plan.IsFail)
        {
            observer.Unparseable(key.Namespace, key.Key.Name, [.. plan.FailToSeq().Map(e => e.ToString())]);
            Queue.Forget(key);
            return;
        }
        var planned = plan.IfFail(_ => throw new InvalidOperationException());
        observer.Planned(key.Namespace, key.Key.Name, planned);
        // Nothing runs, so a plan that would go on at once (after its own commands) would plan the
        // same again: only a wait for time to pass (a check's interval, a delay) is worth a requeue;
        // changes of the world arrive through the watches.
        Requeue(key, false, planned.RequeueAfter.Filter(d => d > TimeSpan.Zero));
    }

    /// <summary>
    /// A System that cannot be parsed plans nothing; its status says why (Core's
    /// <see cref="FailureReport.InvalidSpec"/>, written by the same <see cref="Recorder"/> as every
    /// status, so only when it changed) until a new spec arrives, which its watch delivers.
    /// </summary>
    private async Task UnparseableAsync(QueueKey key, Lane lane, Seq<SpecError> errors, DateTimeOffset now, long begun)
    {
        observer.Unparseable(key.Namespace, key.Key.Name, [.. errors.Map(e => e.ToString())]);
        if (options.DryRun) return;
        var system = await lane.Kubernetes.GetSystemAsync(key.Key.Name);
        var generation = Json(system.Manifest)?["metadata"]?["generation"]?.GetValue<long>() ?? 1;
        var status = FailureReport.InvalidSpec(system.Status.IfNone(SystemStatus.Initial), generation, errors, now);
        var writes = await new Recorder(lane.Kubernetes, Calls).SystemAsync(key.Key.Name, status, system.Status, system.ResourceVersion);
        var report = new ObjectReport(key.Key, now, None, Seq<Command>(), Seq<Outcome>(), Some<object>(status), writes,
            Some($"the spec is invalid: {string.Join("; ", errors.Map(e => e.ToString()))}"), false, None);
        observer.Reconciled(key.Namespace, key.Key, report, time.GetElapsedTime(begun));
        if (writes.IsEmpty) Queue.Forget(key);
        else Queue.AddRateLimited(key);
    }

    /// <summary>The System's spec as Core parses it, kept per resourceVersion (a status write changes the version, not the spec).</summary>
    private Validation<SpecError, SystemSpec> Parse(string @namespace, JsonObject system)
    {
        var name = system["metadata"]?["name"]?.GetValue<string>() ?? "";
        var version = system["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        if (specs.TryGetValue((@namespace, name), out var held) && held.Version == version) return held.Spec;
        var parsed = SystemManifest.Parse(system.ToJsonString());
        specs[(@namespace, name)] = (version, parsed);
        return parsed;
    }

    /// <summary>
    /// A workload cluster's eks.roleARN, from the parsed Systems of its namespace (the credentials
    /// port is asked by cluster name; the first System, by name, that has the cluster answers).
    /// </summary>
    private Option<string> RoleOf(string @namespace, string cluster) =>
        specs.Where(kv => kv.Key.Namespace == @namespace).OrderBy(kv => kv.Key.Name, StringComparer.Ordinal)
            .Select(kv => kv.Value.Spec.ToOption().Bind(s => s.Clusters.Find(c => c.Name == cluster)).Bind(c => c.Eks.RoleArn))
            .FirstOrDefault(r => r.IsSome);

    private Lane LaneFor(string @namespace) => lanes.GetOrAdd(@namespace, ns =>
    {
        var kube = new KubernetesObjects(client, ns, options.ArgoNamespace, workloads?.Invoke(c => RoleOf(ns, c)), Caches.Reads);
        var ports = new PortSet(kube, loadBalancer, eks, metrics, new KubernetesEvents(client, ns, options.Instance));
        return new Lane(kube, ports, new ReconcileLoop(ports, Calls, RetryPolicy.None));
    });

    private static JsonNode? Json(string text) => text.Length == 0 ? null : JsonNode.Parse(text);

    public void Dispose() => Queue.Dispose();
}
