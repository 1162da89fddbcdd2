using Hotswap.Core.Children;
using Hotswap.Core.Notices;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Check's reconcile: <see cref="CheckPlanner"/>, measure when due, fold the reading into its
/// status (<see cref="CheckPlanner.Record"/>), record. A provider error is a reading (inconclusive),
/// not a failed command.
/// </summary>
public sealed class CheckReconciler
{
    private readonly ChildReconciler<CheckObjectSpec, CheckStatus> inner;

    public CheckReconciler(PortSet ports, Observer observer, Interpreter interpreter, Recorder recorder) =>
        inner = new(ObjectKind.Check, observer.ObserveCheckAsync,
            (c, now) => CheckPlanner.Plan(c.Object.Spec, c.Object.Status, now),
            Settle, s => s.System, ports.Kubernetes.Checks, "k8s.UpdateCheckStatus", interpreter, recorder,
            (name, c, status) => ChildNotices.Check(name, c.Object.Spec, c.Object.Status, status));

    public Task<Reconciled<CheckStatus>> ReconcileAsync(
        string name, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default) =>
        inner.ReconcileAsync(name, now, hooks, cancellation);

    private static CheckStatus Settle(
        ChildObservation<CheckObjectSpec, CheckStatus> c, Decision<CheckStatus> d, Seq<Outcome> outcomes,
        Option<CommandFailure> failure, DateTimeOffset now)
    {
        var spec = c.Object.Spec;
        var measured = outcomes.Filter(o => o.Command is Command.RunAnalysis).Bind(o => o.Reading).LastOrNone()
            .Map(r => CheckPlanner.Record(spec, d.Status, r, now))
            .IfNone(d.Status);
        return FailureReport.Check(measured, c.Object.Status, c.Object.Generation, failure, now);
    }
}
