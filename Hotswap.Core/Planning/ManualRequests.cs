using Hotswap.Core.Controls;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Planning;

/// <summary>
/// A person's hand on one application's migration, around the stage machine
/// (<see cref="ApplicationPlanner"/>). Requests (<see cref="ControlRequest"/>) made since the
/// application's <c>requestsHandledAt</c> are handled once — the latest one decides, earlier ones
/// are superseded — and the status records their time, acted on or not:
/// <list type="bullet">
/// <item><b>abort</b> while the application wants to move (starting, waiting, prechecking,
/// migrating, completing): it fails now and, with <c>rollback.policy: Rollback</c>, starts reverting
/// at once (a person decided: no <c>rollback.delay</c>); with <c>Halt</c> it stops where it is.</item>
/// <item><b>retry</b> of a Reverted or Failed target (or one halted after a failure): the migration
/// starts again from the state it is in, without a spec change; of a FailedReverting one: the
/// rollback is tried again.</item>
/// <item><b>promote</b> STEP while migrating at that step: the checks' wait of that step is skipped
/// (a failing check still fails it); <b>--full</b>: every remaining step's. Deployed members,
/// readiness, healthy targets, prechecks and postchecks are never skipped.</item>
/// </list>
/// <b>Pause</b> (a state, not a request): a paused application writes nothing that moves it on —
/// no weight, no membership change — and holds at its step with its checks running; a check that
/// fails still fails it, and a rollback is never held.
/// </summary>
public static class ManualRequests
{
    public static ApplicationDecision Plan(ApplicationContext c, Option<Hold> hold, RollbackPolicy policy, DateTimeOffset now)
    {
        var latest = c.Requests.LastOrNone();
        var decided = latest.Match(r => Handle(c, r, hold, policy, now), () => Stage(c, hold, policy, now, c.Previous.Exists(p => p.PromotedFully)));
        var outcomes = latest.Map(r => c.Requests.Init.Map(old => new RequestOutcome(c.Spec.Name, old, false,
            $"{Verb(old)} of {c.Spec.Name} superseded by a later {Verb(r)}"))).IfNone(Seq<RequestOutcome>()) + decided.Requests;
        var held = Paused(c, decided, now);
        var handledAt = latest.Map(r => r.At) || c.RequestsHandledAt;
        // Most decisions handle no request: the decision is returned as it is, not copied.
        if (outcomes.IsEmpty && held.Requests.IsEmpty && held.Status.RequestsHandledAt == handledAt) return held;
        return held with
        {
            Requests = outcomes,
            Status = held.Status with { RequestsHandledAt = handledAt },
        };
    }

    private static string Verb(ControlRequest r) => new RequestOutcome("", r, false, "").Verb;

    private static ApplicationDecision Stage(
        ApplicationContext c, Option<Hold> hold, RollbackPolicy policy, DateTimeOffset now, bool fully, Option<int> step = default)
    {
        var decision = ApplicationPlanner.Stage(c, hold, policy, now, k => fully || step.Exists(s => s == k));
        var promotedFully = fully && decision.Status.Phase != ApplicationPhase.Synced;
        return decision.Status.PromotedFully == promotedFully
            ? decision
            : decision with { Status = decision.Status with { PromotedFully = promotedFully } };
    }

    private static ApplicationDecision Handle(
        ApplicationContext c, ControlRequest request, Option<Hold> hold, RollbackPolicy policy, DateTimeOffset now)
    {
        var fully = c.Previous.Exists(p => p.PromotedFully);
        var phase = c.Previous.Map(p => p.Phase);
        RequestOutcome Outcome(bool applied, string message) => new(c.Spec.Name, request, applied, message);
        ApplicationDecision Ignored(string why) =>
            Stage(c, hold, policy, now, fully) with { Requests = Seq1(Outcome(false, $"{Verb(request)} of {c.Spec.Name} ignored: {why}")) };
        var where = phase.Map(p => $"{c.Spec.Name} is {p}").IfNone($"{c.Spec.Name} has no recorded phase");

        switch (request)
        {
            case ControlRequest.Abort:
                if (!SystemPlanner.WantsToMove(c)) return Ignored($"{where}, not migrating");
                return Abort(c, hold, policy, now, Outcome);
            case ControlRequest.Retry:
                if (phase.Exists(p => p == ApplicationPhase.FailedReverting))
                {
                    var again = Stage(c with { Previous = c.Previous.Map(p => p with { Phase = ApplicationPhase.Reverting }) }, hold, policy, now, false);
                    return again with { Requests = Seq1(Outcome(true, $"retrying the rollback of {c.Spec.Name}")) };
                }
                var halted = policy.Mode == RollbackMode.Halt && phase.Exists(p => p is ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed);
                if (!(halted || phase.Exists(p => p is ApplicationPhase.Reverted or ApplicationPhase.Failed)))
                    return Ignored($"{where}; retry applies to a Reverted, Failed, halted or FailedReverting application");
                var fresh = Stage(c with { Previous = None }, hold, policy, now, false);
                return fresh with { Requests = Seq1(Outcome(true, $"retrying {c.Spec.Name} ({phase.IfNone(ApplicationPhase.Pending)} before)")) };
            case ControlRequest.Promote p:
                if (!SystemPlanner.WantsToMove(c) || c.Previous.IsNone) return Ignored($"{where}, not migrating");
                var promoted = Stage(c, hold, policy, now, fully || p.Full, p.Step);
                return promoted with
                {
                    Requests = Seq1(p.Full
                        ? Outcome(true, $"{c.Spec.Name} promoted fully: no remaining step waits for its checks")
                        : promoted.Promoted
                            ? Outcome(true, $"{c.Spec.Name} promoted past the checks of step {p.Step.IfNone(0)}")
                            : Outcome(false, $"promote of {c.Spec.Name} ignored: it is not waiting for the checks of step {p.Step.IfNone(0)} " +
                                             $"({promoted.Status.Message}); promote never skips members being Deployed, readiness, healthy targets or pre/postchecks")),
                };
            default:
                return Ignored("unknown request");
        }
    }

    /// <summary>Fails the application now: reverting at once (Rollback) or halted (Halt).</summary>
    private static ApplicationDecision Abort(
        ApplicationContext c, Option<Hold> hold, RollbackPolicy policy, DateTimeOffset now, Func<bool, string, RequestOutcome> outcome)
    {
        var prev = c.Previous.Filter(p => p.Phase is ApplicationPhase.Migrating or ApplicationPhase.Prechecking or ApplicationPhase.Completing);
        var (step, steps) = (prev.Map(p => p.Step).IfNone(0), prev.Map(p => p.Steps).IfNone(1));
        var at = $"aborted by request at step {step}/{steps}";
        var failed = new ApplicationStatus(c.Spec.Name, ApplicationPhase.CheckFailed, at, step, steps, None, Some(now), c.Target,
            c.Rule.Map(r => r.Forward));
        if (policy.Mode == RollbackMode.Halt)
            return new ApplicationDecision(
                failed with { Message = $"{at}. Halted (spec.rollback.policy: Halt): hotswap retry to go on, or change the spec" },
                c.Members, Seq<Command>(), false, None, Requests: Seq1(outcome(true, $"{c.Spec.Name} {at}; halted")));
        var reverting = Stage(c with { Previous = Some(failed with { Phase = ApplicationPhase.Reverting }) }, hold, policy, now, false);
        return reverting with { Requests = Seq1(outcome(true, $"{c.Spec.Name} {at}; rolling back to revision {c.RevisionNumber}")) };
    }

    /// <summary>
    /// A paused application's decision: unchanged unless it would move the migration on (a weight
    /// write, a membership change); then it holds at its step, checks running, waiting for "resume".
    /// </summary>
    private static ApplicationDecision Paused(ApplicationContext c, ApplicationDecision d, DateTimeOffset now)
    {
        if (!c.Paused || d.Status.Phase is ApplicationPhase.Reverting or ApplicationPhase.Reverted or ApplicationPhase.FailedReverting
                or ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed or ApplicationPhase.Failed)
            return d;
        var moves = d.Commands.Exists(x => x is Command.SetForwardWeights) || d.Membership != c.Members;
        if (!moves) return d;
        var mid = c.Previous.Filter(p => p.Phase is ApplicationPhase.Migrating or ApplicationPhase.Prechecking or ApplicationPhase.Completing);
        var since = c.Previous.Filter(p => p.WaitingFor == "resume").Bind(p => p.WaitingSince).IfNone(now);
        var step = mid.Map(p => p.Step).IfNone(0);
        var steps = mid.Map(p => p.Steps).IfNone(d.Status.Steps);
        var held = new ApplicationStatus(c.Spec.Name, mid.Map(p => p.Phase).IfNone(ApplicationPhase.Pending),
            $"paused at step {step}/{steps} (hotswap resume to go on); next: {d.Status.Message}", step, steps,
            mid.Bind(p => p.StepStartedAt), None, c.Target, c.Rule.Map(r => r.Forward), "resume", Some(since),
            PromotedFully: d.Status.PromotedFully);
        return new ApplicationDecision(held, c.Members, Seq<Command>(), step >= 1, Some(ApplicationPlanner.Poll), d.JobsInUse, d.Requests);
    }
}
