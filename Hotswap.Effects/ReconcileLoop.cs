using Hotswap.Core.Children;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// hotswap's reconcilers, one per kind — <see cref="SystemReconciler"/>, <see cref="ArgoCDClusterReconciler"/>,
/// <see cref="ApplicationDeploymentReconciler"/>, <see cref="CheckReconciler"/> — each observe → plan →
/// interpret → record for its own object, called with a work-queue key (<see cref="ReconcileAsync"/>),
/// as the operator's queue calls them. <see cref="ReconcileOnceAsync"/> is one pass of that queue
/// over a System: the System, then each of its children. Holds nothing between reconciles but
/// call counters; the operator and the simulation run the same reconcilers.
/// </summary>
public sealed class ReconcileLoop
{
    private readonly PortSet ports;

    /// <param name="ports">The outside world.</param>
    /// <param name="calls">Where to count port calls; a fresh counter when omitted.</param>
    /// <param name="retries">How AWS calls retry throttling and 5xx; <see cref="RetryPolicy.Standard"/> when omitted.</param>
    public ReconcileLoop(PortSet ports, PortCalls? calls = null, RetryPolicy? retries = null)
    {
        Calls = calls ?? new PortCalls();
        var policy = retries ?? RetryPolicy.Standard;
        this.ports = ports = ports with
        {
            LoadBalancer = new RetryingLoadBalancer(ports.LoadBalancer, policy, Calls),
            Eks = new RetryingEks(ports.Eks, policy, Calls),
        };
        var observer = new Observer(ports, Calls);
        var interpreter = new Interpreter(ports, Calls);
        var recorder = new Recorder(ports.Kubernetes, Calls, ports.Events);
        System = new SystemReconciler(observer, interpreter, recorder);
        ArgoCDClusters = new ArgoCDClusterReconciler(ports, observer, interpreter, recorder);
        ApplicationDeployments = new ApplicationDeploymentReconciler(ports, observer, interpreter, recorder);
        Checks = new CheckReconciler(ports, observer, interpreter, recorder);
    }

    /// <summary>Calls made to the ports by these reconcilers, by operation.</summary>
    public PortCalls Calls { get; }

    public SystemReconciler System { get; }
    public ArgoCDClusterReconciler ArgoCDClusters { get; }
    public ApplicationDeploymentReconciler ApplicationDeployments { get; }
    public CheckReconciler Checks { get; }

    /// <summary>
    /// Reconciles one object by its work-queue key. <paramref name="system"/> is the System the
    /// key belongs to (its parsed spec, which a System key needs; children read their own spec).
    /// </summary>
    public async Task<ObjectReport> ReconcileAsync(
        ObjectKey key, SystemSpec system, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default) =>
        key.Kind switch
        {
            ObjectKind.System => (await System.ReconcileAsync(system, now, hooks, cancellation)).Report,
            ObjectKind.ArgoCDCluster => (await ArgoCDClusters.ReconcileAsync(key.Name, now, hooks, cancellation)).Report,
            ObjectKind.ArgoCDApplicationDeployment => (await ApplicationDeployments.ReconcileAsync(key.Name, now, hooks, cancellation)).Report,
            _ => (await Checks.ReconcileAsync(key.Name, now, hooks, cancellation)).Report,
        };

    /// <summary>
    /// One pass over a System: the System first, then each child it has after that (ArgoCDClusters,
    /// ArgoCDApplicationDeployments, Checks, each by name), every one observed afresh. One object's
    /// failure does not stop the others; a crash (cancellation) stops the pass.
    /// </summary>
    public async Task<ReconcileReport> ReconcileOnceAsync(
        SystemSpec spec, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default)
    {
        var system = await System.ReconcileAsync(spec, now, hooks, cancellation);
        var reports = new List<ObjectReport> { system.Report };
        var clusters = new List<NamedDecision<ArgoCDClusterStatus>>();
        var deployments = new List<NamedDecision<ApplicationDeploymentStatus>>();
        var checks = new List<NamedDecision<CheckStatus>>();
        if (!system.Report.Interrupted)
        {
            foreach (var key in await ChildKeysAsync(spec, system.Report))
            {
                if (cancellation.IsCancellationRequested) break;
                var report = key.Kind switch
                {
                    ObjectKind.ArgoCDCluster => Named(await ArgoCDClusters.ReconcileAsync(key.Name, now, hooks, cancellation), key, clusters),
                    ObjectKind.ArgoCDApplicationDeployment =>
                        Named(await ApplicationDeployments.ReconcileAsync(key.Name, now, hooks, cancellation), key, deployments),
                    _ => Named(await Checks.ReconcileAsync(key.Name, now, hooks, cancellation), key, checks),
                };
                reports.Add(report);
                if (report.Interrupted) break;
            }
        }
        var plan = system.Decision.Map(d => new SystemPlan(now, d, clusters.ToSeq(), deployments.ToSeq(), checks.ToSeq()));
        var all = reports.ToSeq();
        var requeues = all.Choose(r => r.RequeueAfter);
        return new ReconcileReport(
            now, system.Report.Observed, plan,
            all.Bind(r => r.Outcomes), all.Bind(r => r.StatusFailures),
            all.Choose(r => r.ObserveError.Map(e => $"{r.Key}: {e}")).HeadOrNone(),
            all.Exists(r => r.Interrupted),
            requeues.IsEmpty ? None : Some(requeues.Min()),
            all);
    }

    private static ObjectReport Named<TStatus>(Reconciled<TStatus> r, ObjectKey key, List<NamedDecision<TStatus>> into)
    {
        foreach (var d in r.Decision) into.Add(new NamedDecision<TStatus>(key.Name, d));
        return r.Report;
    }

    /// <summary>
    /// The System's children after its reconcile: those it observed, plus those it just applied,
    /// less those it just deleted — the keys the operator's watches would queue. When the System
    /// could not be observed, they are listed.
    /// </summary>
    private async Task<Seq<ObjectKey>> ChildKeysAsync(SystemSpec spec, ObjectReport system)
    {
        var executed = system.Outcomes.Filter(o => o.Succeeded).Map(o => o.Command);
        var applied = executed.Choose(c => c switch
        {
            Command.ApplyArgoCDCluster a => Some(ObjectKey.ArgoCDCluster(a.Spec.Name)),
            Command.ApplyApplicationDeployment a => Some(ObjectKey.ApplicationDeployment(a.Spec.Name)),
            Command.ApplyCheck a => Some(ObjectKey.Check(a.Spec.Name)),
            _ => None,
        });
        var deleted = executed.Choose(c => c switch
        {
            Command.DeleteArgoCDCluster d => Some(ObjectKey.ArgoCDCluster(d.Name)),
            Command.DeleteCheck d => Some(ObjectKey.Check(d.Name)),
            _ => None,
        }).ToHashSet();
        var observed = await system.Observed.Match(
            w => Task.FromResult(w.ArgoCDClusters.Keys.Map(ObjectKey.ArgoCDCluster).ToSeq()
                + w.Deployments.Keys.Map(ObjectKey.ApplicationDeployment).ToSeq()
                + w.Checks.Keys.Map(ObjectKey.Check).ToSeq()),
            () => ListChildrenAsync(spec.Name));
        return (observed + applied).Distinct().Filter(k => !deleted.Contains(k))
            .OrderBy(k => k.Kind).ThenBy(k => k.Name, StringComparer.Ordinal).ToSeq().Strict();
    }

    private async Task<Seq<ObjectKey>> ListChildrenAsync(string system)
    {
        try
        {
            Calls.Read("k8s.ListArgoCDClusters");
            var clusters = await ports.Kubernetes.ArgoCDClusters.ListAsync(system);
            Calls.Read("k8s.ListApplicationDeployments");
            var deployments = await ports.Kubernetes.ApplicationDeployments.ListAsync(system);
            Calls.Read("k8s.ListChecks");
            var checks = await ports.Kubernetes.Checks.ListAsync(system);
            return clusters.Map(o => ObjectKey.ArgoCDCluster(o.Name))
                + deployments.Map(o => ObjectKey.ApplicationDeployment(o.Name))
                + checks.Map(o => ObjectKey.Check(o.Name));
        }
        catch (PortException)
        {
            return Seq<ObjectKey>();
        }
    }
}
