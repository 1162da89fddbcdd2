using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// One reconcile of a System: observe → <see cref="Reconciliation.Plan"/> → interpret → record.
/// Holds nothing between reconciles but call counters; the operator and the simulation run the same loop.
/// </summary>
public sealed class ReconcileLoop
{
    private readonly Observer observer;
    private readonly Interpreter interpreter;
    private readonly Recorder recorder;

    /// <param name="ports">The outside world.</param>
    /// <param name="calls">Where to count port calls; a fresh counter when omitted.</param>
    /// <param name="retries">How AWS calls retry throttling and 5xx; <see cref="RetryPolicy.Standard"/> when omitted.</param>
    public ReconcileLoop(PortSet ports, PortCalls? calls = null, RetryPolicy? retries = null)
    {
        Calls = calls ?? new PortCalls();
        var policy = retries ?? RetryPolicy.Standard;
        ports = ports with
        {
            LoadBalancer = new RetryingLoadBalancer(ports.LoadBalancer, policy, Calls),
            Eks = new RetryingEks(ports.Eks, policy, Calls),
        };
        observer = new Observer(ports, Calls);
        interpreter = new Interpreter(ports, Calls);
        recorder = new Recorder(ports.Kubernetes, Calls);
    }

    /// <summary>Calls made to the ports by this loop, by operation.</summary>
    public PortCalls Calls { get; }

    public async Task<ReconcileReport> ReconcileOnceAsync(
        SystemSpec spec, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default)
    {
        var observed = await observer.ObserveAsync(spec);
        if (observed.IsLeft)
        {
            var error = observed.Match(_ => "", e => e.ToString());
            return new ReconcileReport(now, None, None, Seq<Outcome>(), Seq<StatusWriteFailure>(), Some(error), false, None);
        }
        var observation = observed.Match(o => o, _ => throw new InvalidOperationException());
        var plan = Reconciliation.Plan(spec, observation.World, now);
        var outcomes = await interpreter.ExecuteAsync(spec.Name, plan.AllCommands, observation.World, now, hooks, cancellation, observation.Rules);
        var interrupted = cancellation.IsCancellationRequested;
        var failures = interrupted
            ? Seq<StatusWriteFailure>()
            : await recorder.RecordAsync(spec.Name, plan, observation, outcomes);
        return new ReconcileReport(now, Some(observation.World), Some(plan), outcomes, failures, None, interrupted, plan.RequeueAfter);
    }
}
