using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// The shape every child kind's reconcile shares: observe the object and what its planner takes →
/// plan → interpret its commands (stopping at its first failure) → fold the outcomes into its
/// status → record. A kind supplies its observation, its planner and its status fold.
/// </summary>
internal sealed class ChildReconciler<TSpec, TStatus>(
    ObjectKind kind,
    Func<string, Task<Either<PortException, Option<ChildObservation<TSpec, TStatus>>>>> observe,
    Func<ChildObservation<TSpec, TStatus>, DateTimeOffset, Decision<TStatus>> plan,
    Func<ChildObservation<TSpec, TStatus>, Decision<TStatus>, Seq<Outcome>, Option<CommandFailure>, DateTimeOffset, TStatus> settle,
    Func<TSpec, string> systemOf,
    IChildObjects<TSpec, TStatus> objects,
    string statusOperation,
    Interpreter interpreter,
    Recorder recorder,
    Func<string, ChildObservation<TSpec, TStatus>, TStatus, Seq<Hotswap.Core.Notices.Notice>>? notices = null)
{
    public async Task<Reconciled<TStatus>> ReconcileAsync(
        string name, DateTimeOffset now, ExecutionHooks? hooks, CancellationToken cancellation)
    {
        var key = new ObjectKey(kind, name);
        var observed = await observe(name);
        if (observed.IsLeft)
            return new(ObjectReport.Unobserved(key, now, observed.Match(_ => "", e => e.ToString())), None);
        var found = observed.Match(o => o, _ => None);
        if (found.IsNone) return new(ObjectReport.Gone(key, now), None);
        var child = found.IfNone(() => throw new InvalidOperationException());
        var decision = plan(child, now);
        var outcomes = await interpreter.ExecuteAsync(
            systemOf(child.Object.Spec), decision.Commands, child.World, now, hooks, cancellation);
        if (cancellation.IsCancellationRequested)
            return new(new ObjectReport(key, now, Some(child.World), decision.Commands, outcomes, None,
                Seq<StatusWriteFailure>(), None, true, decision.RequeueAfter), None);
        var failure = outcomes.Choose(o => o.Failure(now)).HeadOrNone();
        var status = settle(child, decision, outcomes, failure, now);
        var writes = await recorder.ChildAsync(objects, key, statusOperation, status, child.Object.Status, child.Object.ResourceVersion);
        if (notices is not null && writes.IsEmpty) await recorder.EventsAsync(notices(name, child, status), now);
        return new(new ObjectReport(key, now, Some(child.World), decision.Commands, outcomes, Some<object>(status!), writes,
            None, false, decision.RequeueAfter), Some(decision with { Status = status }));
    }
}
