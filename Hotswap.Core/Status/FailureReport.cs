using Hotswap.Core.Children;
using Hotswap.Core.Planning;

namespace Hotswap.Core.Status;

/// <summary>
/// Folds what happened to an object's commands into the status its planner decided, so status
/// never claims what did not happen and the next plan sees the last failure. It sits after the
/// planners and leaves their decisions alone.
/// <para>
/// The System: an application whose commands failed keeps its recorded entry (the step it is
/// really at) with the failure in <c>lastFailure</c> and its message; its other applications are
/// as planned, their failures cleared. The System's message names the failure and its
/// <c>Degraded</c> condition is True with the error's code as reason. Example: web's ModifyRule to
/// step 4 is throttled after retries → web stays "step 3/10", its message starts
/// "set-weights rule/…#10 failed at 10:03:12Z: Throttled: Rate exceeded", the System is Degraded
/// (reason Throttled).
/// </para>
/// <para>
/// Every child kind: <c>observedGeneration</c>, the last failure, and the conditions
/// <c>Ready</c>, <c>Progressing</c> and <c>Degraded</c>, as the System has them.
/// </para>
/// </summary>
public static class FailureReport
{
    private const string Then = "; until it succeeds: ";

    // ---- the System

    /// <summary>
    /// The System status to record after its commands ran; <paramref name="failures"/> holds the
    /// first failed command of each <see cref="CommandScope"/> that failed.
    /// </summary>
    public static SystemStatus AfterRun(
        SystemStatus planned, Option<SystemStatus> recorded, HashMap<string, CommandFailure> failures, DateTimeOffset now)
    {
        var apps = planned.Applications.Map(a => failures.Find(CommandScope.Application(a.Name)).Match(
            f => WithFailure(recorded.Bind(r => r.Application(a.Name)).IfNone(a) with { Weights = a.Weights }, f),
            () => a with { LastFailure = None })).Strict();
        var own = failures.Filter((scope, _) => CommandScope.ApplicationOf(scope).IsNone)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal).Map(kv => kv.Value).ToSeq().HeadOrNone();
        return Summarise(planned with { Applications = apps, LastFailure = own }, recorded, now);
    }

    /// <summary>
    /// What a plan reports before anything ran: the failures recorded last time, carried into the
    /// planned status (what <c>hotswap plan</c> shows for a System whose last write failed).
    /// </summary>
    public static SystemStatus Carried(SystemStatus planned, Option<SystemStatus> recorded, DateTimeOffset now)
    {
        var apps = planned.Applications.Map(a =>
            recorded.Bind(r => r.Application(a.Name)).Bind(r => r.LastFailure).Match(f => WithFailure(a, f), () => a)).Strict();
        return Summarise(planned with { Applications = apps, LastFailure = recorded.Bind(r => r.LastFailure) }, recorded, now);
    }

    private static ApplicationStatus WithFailure(ApplicationStatus a, CommandFailure f) =>
        a with { LastFailure = f, Message = $"{f}{Then}{Unprefixed(a.Message, a.LastFailure)}" };

    /// <summary>A message without the failure an earlier fold put in front of it.</summary>
    private static string Unprefixed(string message, Option<CommandFailure> failure) =>
        failure.Map(f => $"{f}{Then}").Filter(p => message.StartsWith(p, StringComparison.Ordinal))
            .Map(p => message[p.Length..]).IfNone(message);

    private static SystemStatus Summarise(SystemStatus s, Option<SystemStatus> recorded, DateTimeOffset now)
    {
        var first = s.LastFailure.Map(f => (Who: "System", Failure: f))
            .ToSeq().Concat(s.Applications.Choose(a => a.LastFailure.Map(f => (Who: $"application {a.Name}", Failure: f))))
            .ToSeq().HeadOrNone();
        return first.Match(
            x => s with
            {
                Message = $"{x.Who}: {x.Failure}",
                Conditions = Set(s.Conditions, Condition(recorded.Map(r => r.Conditions).IfNone(s.Conditions), now, "Degraded", true, x.Failure.Code, $"{x.Who}: {x.Failure}")),
            },
            () => s);
    }

    // ---- the children

    /// <summary>
    /// <paramref name="unobserved"/>: why its EKS cluster could not be described; the status then
    /// keeps what was last known (phase, readiness, endpoint) and is Degraded with that reason.
    /// </summary>
    public static ArgoCDClusterStatus ArgoCDCluster(
        ArgoCDClusterStatus planned, ArgoCDClusterStatus recorded, long generation, Option<CommandFailure> failure,
        DateTimeOffset now, Option<string> unobserved = default)
    {
        planned = unobserved.Match(why => recorded with { Message = why }, () => planned);
        var message = Message(planned.Message, failure);
        var progressing = planned.Phase is "Pending" or "Provisioning" or "Writing";
        return planned with
        {
            Message = message,
            ObservedGeneration = generation,
            LastFailure = failure,
            Conditions = Seq(
                Condition(recorded.Conditions, now, "Ready", planned.Ready, planned.Phase, message),
                Condition(recorded.Conditions, now, "Progressing", progressing, planned.Phase, message),
                Degraded(recorded.Conditions, now, failure, unobserved)),
        };
    }

    public static ApplicationDeploymentStatus ApplicationDeployment(
        ApplicationDeploymentStatus planned, ApplicationDeploymentStatus recorded, long generation,
        Option<CommandFailure> failure, DateTimeOffset now)
    {
        var message = Message(planned.Message, failure);
        return planned with
        {
            Message = message,
            ObservedGeneration = generation,
            LastFailure = failure,
            Conditions = Seq(
                Condition(recorded.Conditions, now, "Ready", planned.Phase == "Deployed", planned.Phase, message),
                Condition(recorded.Conditions, now, "Progressing", planned.Phase is "Pending" or "Updating" or "Waiting" or "Progressing",
                    planned.Phase, message),
                Degraded(recorded.Conditions, now, failure, None)),
        };
    }

    /// <summary>A Check is Degraded by a failed command, or by its newest measurement failing or being inconclusive.</summary>
    public static CheckStatus Check(
        CheckStatus planned, CheckStatus recorded, long generation, Option<CommandFailure> failure, DateTimeOffset now)
    {
        var message = Message(planned.Message, failure);
        var newest = planned.Results.LastOrNone().Filter(m => m.Outcome != MeasurementOutcome.Passed);
        var passed = planned.LastPassed.Exists(p => p);
        var degraded = failure.IsSome || newest.IsNone
            ? Degraded(recorded.Conditions, now, failure, None)
            : Condition(recorded.Conditions, now, "Degraded", true,
                newest.Exists(m => m.Outcome == MeasurementOutcome.Failed) ? "MeasurementFailed" : "Inconclusive",
                newest.Map(m => m.Message).IfNone(""));
        return planned with
        {
            Message = message,
            ObservedGeneration = generation,
            LastFailure = failure,
            Conditions = Seq(
                Condition(recorded.Conditions, now, "Ready", passed,
                    planned.LastPassed.Match(p => p ? "Passed" : "NotPassed", () => "NotMeasured"), message),
                Condition(recorded.Conditions, now, "Progressing", planned.ActiveSince.IsSome,
                    planned.ActiveSince.IsSome ? "Measuring" : "Suspended", message),
                degraded),
        };
    }

    private static string Message(string planned, Option<CommandFailure> failure) =>
        failure.Match(f => $"{f}{Then}{Unprefixed(planned, failure)}", () => planned);

    private static Condition Degraded(Seq<Condition> previous, DateTimeOffset now, Option<CommandFailure> failure, Option<string> unobserved) =>
        failure.Match(
            f => Condition(previous, now, "Degraded", true, f.Code, f.ToString()),
            () => unobserved.Match(
                why => Condition(previous, now, "Degraded", true, "ObservationFailed", why),
                () => Condition(previous, now, "Degraded", false, "NoFailure", "no failure")));

    // ---- conditions

    /// <summary>
    /// The System's status for a spec that failed validation: Failed, the errors in the message, and
    /// a Degraded condition with reason InvalidSpec; nothing is planned until the spec changes.
    /// </summary>
    public static SystemStatus InvalidSpec(SystemStatus previous, long generation, Seq<Spec.SpecError> errors, DateTimeOffset now)
    {
        var message = $"the spec is invalid: {string.Join("; ", errors.Map(e => e.ToString()))}";
        return previous with
        {
            ObservedGeneration = generation,
            Phase = SystemPhase.Failed,
            Message = message,
            Conditions = Seq1(Condition(previous.Conditions, now, "Degraded", true, "InvalidSpec", message))
                + previous.Conditions.Filter(c => c.Type != "Degraded"),
        };
    }

    /// <summary>
    /// The System's status when its world could not be observed (an API unreachable after the
    /// retries, a permission missing): what was last recorded, with the reason in the message and a
    /// Degraded condition (ObservationFailed), so the System never sits without a word about why.
    /// Nothing was planned: phase, applications and observedGeneration stay as recorded.
    /// </summary>
    public static SystemStatus Unobserved(SystemStatus previous, string error, DateTimeOffset now)
    {
        var message = $"could not observe the System's world, retrying: {error}";
        return previous with
        {
            Message = message,
            Conditions = Set(previous.Conditions, Condition(previous.Conditions, now, "Degraded", true, "ObservationFailed", message)),
        };
    }

    /// <summary>A condition whose lastTransitionTime moves only when its status flips.</summary>
    public static Condition Condition(Seq<Condition> previous, DateTimeOffset now, string type, bool value, string reason, string message)
    {
        var status = value ? "True" : "False";
        var since = previous.Find(c => c.Type == type && c.Status == status).Map(c => c.LastTransitionTime).IfNone(now);
        return new Condition(type, status, reason, message, since);
    }

    private static Seq<Condition> Set(Seq<Condition> conditions, Condition condition) =>
        conditions.Exists(c => c.Type == condition.Type)
            ? conditions.Map(c => c.Type == condition.Type ? condition : c).Strict()
            : conditions.Add(condition);
}
