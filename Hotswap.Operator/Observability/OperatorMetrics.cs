using System.Collections.Concurrent;
using Hotswap.Core.Status;
using Prometheus;

namespace Hotswap.Operator.Observability;

/// <summary>
/// What <c>/metrics</c> shows, on a registry of its own (so tests and two hosts in one process do
/// not share counters). Label values are names of objects, kinds, operations and results — never
/// a secret, a query or a message. Series of an application or check that went away are removed,
/// so a dashboard does not show a deleted System's last weights forever.
/// </summary>
public sealed class OperatorMetrics
{
    private static readonly string[] ApplicationPhases = Enum.GetNames<ApplicationPhase>();
    private static readonly string[] SystemPhases = Enum.GetNames<SystemPhase>();

    private readonly Counter reconciles;
    private readonly Histogram reconcileSeconds;
    private readonly Gauge queueDepth;
    private readonly Histogram queueWaitSeconds;
    private readonly Counter kubernetesRequests;
    private readonly Counter awsRequests;
    private readonly Gauge weight;
    private readonly Gauge applicationPhase;
    private readonly Gauge systemPhase;
    private readonly Gauge checkValue;
    private readonly Counter checkMeasurements;
    private readonly Counter migrations;
    private readonly Counter rollbacks;
    private readonly Gauge leader;
    private readonly Counter watchRestarts;
    private readonly Counter plannedCommands;

    /// <summary>Target groups last shown per application, to remove those that left its forward config.</summary>
    private readonly ConcurrentDictionary<(string Namespace, string System, string Application), string[]> shownTargetGroups = new();

    public OperatorMetrics(bool processMetrics = true)
    {
        Registry = Metrics.NewCustomRegistry();
        if (processMetrics) DotNetStats.Register(Registry);
        var f = Metrics.WithCustomRegistry(Registry);
        reconciles = f.CreateCounter("hotswap_reconciles_total",
            "Reconciles by kind and result (success, error, crashed, interrupted, invalid).", "kind", "result");
        reconcileSeconds = f.CreateHistogram("hotswap_reconcile_duration_seconds", "How long one reconcile took, by kind.",
            new HistogramConfiguration { LabelNames = ["kind"], Buckets = Histogram.ExponentialBuckets(0.005, 2, 13) });
        queueDepth = f.CreateGauge("hotswap_workqueue_depth", "Keys in the work queue, ready or waiting.");
        queueWaitSeconds = f.CreateHistogram("hotswap_workqueue_wait_seconds", "How long a ready key waited for a worker.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 4, 10) });
        kubernetesRequests = f.CreateCounter("hotswap_kubernetes_requests_total",
            "Requests to the Kubernetes API by operation (verb and resource) and result (ok, or the failure).", "operation", "result");
        awsRequests = f.CreateCounter("hotswap_aws_requests_total",
            "Requests to AWS by service, operation and result (ok, or AWS's error code).", "service", "operation", "result");
        weight = f.CreateGauge("hotswap_application_weight",
            "Current forward weight of each target group of an application's listener rule.", "namespace", "system", "application", "target_group");
        applicationPhase = f.CreateGauge("hotswap_application_phase",
            "1 for an application's current phase, 0 for the others.", "namespace", "system", "application", "phase");
        systemPhase = f.CreateGauge("hotswap_system_phase", "1 for a System's current phase, 0 for the others.", "namespace", "system", "phase");
        checkValue = f.CreateGauge("hotswap_check_value", "The newest measured value of a Check.", "namespace", "check");
        checkMeasurements = f.CreateCounter("hotswap_check_measurements_total",
            "Check measurements by outcome (Passed, Failed, Inconclusive).", "namespace", "check", "outcome");
        migrations = f.CreateCounter("hotswap_migrations_total",
            "Application migrations by outcome (started, succeeded, failed).", "namespace", "system", "application", "outcome");
        rollbacks = f.CreateCounter("hotswap_rollbacks_total",
            "Application rollbacks by outcome (started, succeeded, failed).", "namespace", "system", "application", "outcome");
        leader = f.CreateGauge("hotswap_leader", "1 while this replica leads (runs workers), else 0.");
        watchRestarts = f.CreateCounter("hotswap_watch_restarts_total",
            "Watches started again, by resource and reason (resumed, expired, failed).", "resource", "reason");
        plannedCommands = f.CreateCounter("hotswap_dry_run_commands_total",
            "Commands a dry run decided and did not execute, by action.", "action");
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The registry in Prometheus's text format.</summary>
    public Task WriteAsync(Stream output, CancellationToken cancellation) => Registry.CollectAndExportAsTextAsync(output, cancellation);

    public void Reconciled(string kind, string result, TimeSpan duration)
    {
        reconciles.WithLabels(kind, result).Inc();
        reconcileSeconds.WithLabels(kind).Observe(duration.TotalSeconds);
    }

    public void QueueDepth(int depth) => queueDepth.Set(depth);

    public void Dequeued(TimeSpan waited) => queueWaitSeconds.Observe(waited.TotalSeconds);

    public void KubernetesRequest(string operation, string result) => kubernetesRequests.WithLabels(operation, result).Inc();

    public void AwsRequest(string service, string operation, string result) => awsRequests.WithLabels(service, operation, result).Inc();

    /// <summary>The application's forward config now; target groups that left it lose their series.</summary>
    public void Weights(string ns, string system, string application, IReadOnlyList<(string TargetGroup, int Weight)> weights)
    {
        var key = (ns, system, application);
        foreach (var (tg, w) in weights) weight.WithLabels(ns, system, application, tg).Set(w);
        var now = weights.Select(x => x.TargetGroup).ToArray();
        if (shownTargetGroups.TryGetValue(key, out var before))
            foreach (var gone in before.Except(now)) weight.RemoveLabelled(ns, system, application, gone);
        shownTargetGroups[key] = now;
    }

    public void ApplicationPhase(string ns, string system, string application, ApplicationPhase phase)
    {
        foreach (var p in ApplicationPhases) applicationPhase.WithLabels(ns, system, application, p).Set(p == phase.ToString() ? 1 : 0);
    }

    public void SystemPhase(string ns, string system, SystemPhase phase)
    {
        foreach (var p in SystemPhases) systemPhase.WithLabels(ns, system, p).Set(p == phase.ToString() ? 1 : 0);
    }

    /// <summary>A System is gone: its phase, its applications' phases and weights are no longer shown.</summary>
    public void SystemGone(string ns, string system, IEnumerable<string> applications)
    {
        foreach (var p in SystemPhases) systemPhase.RemoveLabelled(ns, system, p);
        foreach (var application in applications)
        {
            foreach (var p in ApplicationPhases) applicationPhase.RemoveLabelled(ns, system, application, p);
            if (shownTargetGroups.TryRemove((ns, system, application), out var tgs))
                foreach (var tg in tgs) weight.RemoveLabelled(ns, system, application, tg);
        }
    }

    public void CheckValue(string ns, string check, double value) => checkValue.WithLabels(ns, check).Set(value);

    public void CheckMeasured(string ns, string check, string outcome) => checkMeasurements.WithLabels(ns, check, outcome).Inc();

    public void CheckGone(string ns, string check) => checkValue.RemoveLabelled(ns, check);

    public void Migration(string ns, string system, string application, string outcome) =>
        migrations.WithLabels(ns, system, application, outcome).Inc();

    public void Rollback(string ns, string system, string application, string outcome) =>
        rollbacks.WithLabels(ns, system, application, outcome).Inc();

    public void Leading(bool leading) => leader.Set(leading ? 1 : 0);

    public void WatchRestarted(string resource, string reason) => watchRestarts.WithLabels(resource, reason).Inc();

    public void Planned(string action) => plannedCommands.WithLabels(action).Inc();
}
