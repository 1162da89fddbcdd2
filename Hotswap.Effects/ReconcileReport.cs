using Hotswap.Core.Observed;
using Hotswap.Core.Planning;

namespace Hotswap.Effects;

/// <summary>
/// What one pass over a System did (<see cref="ReconcileLoop.ReconcileOnceAsync"/>): what the System
/// saw, what every object planned, what ran, what was recorded.
/// </summary>
/// <param name="Now">The instant it reconciled at.</param>
/// <param name="Observed">The World the System planned from; None when observing it failed.</param>
/// <param name="Plan">Each object's decision with the status it recorded; None when the System could not be observed.</param>
/// <param name="Outcomes">Executed commands, object by object, in order; a failed one is the last of its scope.</param>
/// <param name="StatusFailures">Status writes that did not happen.</param>
/// <param name="ObserveError">Why observing failed, if it did.</param>
/// <param name="Interrupted">Cancelled part-way (a crash): nothing was recorded.</param>
/// <param name="RequeueAfter">The smallest requeue over every decision; None when nothing is pending.</param>
/// <param name="Objects">Each object's own reconcile, System first.</param>
public sealed record ReconcileReport(
    DateTimeOffset Now,
    Option<World> Observed,
    Option<SystemPlan> Plan,
    Seq<Outcome> Outcomes,
    Seq<StatusWriteFailure> StatusFailures,
    Option<string> ObserveError,
    bool Interrupted,
    Option<TimeSpan> RequeueAfter,
    Seq<ObjectReport> Objects = default)
{
    /// <summary>Every command the plan asked for, executed or not.</summary>
    public Seq<Command> Planned => Objects.Bind(o => o.Planned);

    /// <summary>Commands that ran successfully.</summary>
    public Seq<Command> Executed => Outcomes.Filter(o => o.Succeeded).Map(o => o.Command);

    /// <summary>
    /// Observing failed, a command failed, or a status write did not land: retry after a back-off,
    /// as a controller does when its reconcile returns an error. A reconcile whose status was not
    /// recorded is never quiet, or a lost final write could pass for a fixed point.
    /// </summary>
    public bool Failed => ObserveError.IsSome || Outcomes.Exists(o => !o.Succeeded) || !StatusFailures.IsEmpty;
}
