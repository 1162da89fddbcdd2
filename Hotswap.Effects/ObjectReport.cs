using Hotswap.Core.Observed;
using Hotswap.Core.Planning;

namespace Hotswap.Effects;

/// <summary>What one object's reconcile did: what it saw, planned, ran and recorded.</summary>
/// <param name="Key">The object.</param>
/// <param name="Now">The instant it reconciled at.</param>
/// <param name="Observed">The World it planned from; None when observing failed or the object is gone.</param>
/// <param name="Planned">Every command its planner asked for.</param>
/// <param name="Outcomes">Executed commands, in order; a failed one is the last of its scope.</param>
/// <param name="Status">The status it recorded (or would have, had the write landed); None when it planned nothing.</param>
/// <param name="StatusFailures">Status writes that did not happen.</param>
/// <param name="ObserveError">Why observing (or validating the spec) failed, if it did.</param>
/// <param name="Interrupted">Cancelled part-way (a crash): nothing was recorded.</param>
/// <param name="RequeueAfter">When to look at this object again; None when nothing is pending.</param>
public sealed record ObjectReport(
    ObjectKey Key,
    DateTimeOffset Now,
    Option<World> Observed,
    Seq<Command> Planned,
    Seq<Outcome> Outcomes,
    Option<object> Status,
    Seq<StatusWriteFailure> StatusFailures,
    Option<string> ObserveError,
    bool Interrupted,
    Option<TimeSpan> RequeueAfter)
{
    /// <summary>Nothing to reconcile: the object does not exist (any more).</summary>
    public static ObjectReport Gone(ObjectKey key, DateTimeOffset now) =>
        new(key, now, None, Seq<Command>(), Seq<Outcome>(), None, Seq<StatusWriteFailure>(), None, false, None);

    /// <summary>Observing failed: nothing planned, retried after a back-off.</summary>
    public static ObjectReport Unobserved(ObjectKey key, DateTimeOffset now, string error) =>
        new(key, now, None, Seq<Command>(), Seq<Outcome>(), None, Seq<StatusWriteFailure>(), Some(error), false, None);

    /// <summary>Observing failed, a command failed, or the status write did not land: retry after a back-off.</summary>
    public bool Failed => ObserveError.IsSome || Outcomes.Exists(o => !o.Succeeded) || !StatusFailures.IsEmpty;
}
