using Hotswap.Core.Notices;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Effects;

/// <summary>
/// The System's reconcile: observe everything its planner takes → <see cref="Reconciliation.PlanValidated"/>
/// → interpret its own commands (child specs, the revision, weights, Jobs) → record its status with
/// each application's failures folded in (<see cref="FailureReport.AfterRun"/>). Its children are
/// reconciled by their own reconcilers; it reads their status.
/// </summary>
public sealed class SystemReconciler(Observer observer, Interpreter interpreter, Recorder recorder)
{
    public async Task<Reconciled<SystemStatus>> ReconcileAsync(
        SystemSpec spec, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default)
    {
        var key = ObjectKey.System(spec.Name);
        var observed = await observer.ObserveAsync(spec);
        if (observed.IsLeft)
        {
            var error = observed.Match(_ => "", e => $"{e.Kind}: {e.Message}");
            await recorder.UnobservedAsync(spec.Name, error, now);
            return new(ObjectReport.Unobserved(key, now, error), None);
        }
        var observation = observed.Match(o => o, _ => throw new InvalidOperationException());
        var world = observation.World;
        var planned = Reconciliation.PlanValidated(spec, world, now);
        if (planned.IsFail)
            return await InvalidAsync(spec, key, observation, planned.FailToSeq(), now);
        var decision = planned.Map(p => p.System).IfFail(_ => throw new InvalidOperationException());
        var outcomes = await interpreter.ExecuteAsync(spec.Name, decision.Commands, world, now, hooks, cancellation, observation.Rules);
        if (cancellation.IsCancellationRequested)
            return new(new ObjectReport(key, now, Some(world), decision.Commands, outcomes, None,
                Seq<StatusWriteFailure>(), None, true, decision.RequeueAfter), None);
        var failures = outcomes.Choose(o => o.Failure(now).Map(f => (CommandScope.Of(o.Command), f))).ToHashMap();
        var status = FailureReport.AfterRun(decision.Status, world.SystemStatus, failures, now);
        var writes = await recorder.SystemAsync(spec.Name, status, world.SystemStatus, observation.SystemVersion);
        var executed = outcomes.Filter(o => o.Succeeded).Map(o => o.Command);
        await recorder.EventsAsync(
            decision.Notices + SystemNotices.AfterRun(spec, world, world.SystemStatus, status, executed, writes.IsEmpty), now);
        return new(new ObjectReport(key, now, Some(world), decision.Commands, outcomes, Some<object>(status), writes, None, false,
            decision.RequeueAfter), Some(decision with { Status = status }));
    }

    /// <summary>An invalid spec plans nothing and runs nothing; the System says why, and waits for a new spec.</summary>
    private async Task<Reconciled<SystemStatus>> InvalidAsync(
        SystemSpec spec, ObjectKey key, Observation observation, Seq<SpecError> errors, DateTimeOffset now)
    {
        var recorded = observation.World.SystemStatus;
        var status = FailureReport.InvalidSpec(recorded.IfNone(SystemStatus.Initial), spec.Generation, errors, now);
        var writes = await recorder.SystemAsync(spec.Name, status, recorded, observation.SystemVersion);
        return new(new ObjectReport(key, now, Some(observation.World), Seq<Command>(), Seq<Outcome>(), Some<object>(status), writes,
            None, false, None), Some(new Decision<SystemStatus>(Seq<Command>(), status, None)));
    }
}
