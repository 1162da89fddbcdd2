namespace Hotswap.Core.Planning;

/// <summary>
/// What one reconcile decided: commands for the next step only, in order; the status to record
/// afterwards; when to look again (None: only when something changes); Events the planner decided
/// on (what became of a person's requests), recorded whatever the commands' outcome.
/// </summary>
public sealed record Decision<TStatus>(
    Seq<Command> Commands, TStatus Status, Option<TimeSpan> RequeueAfter, Seq<Notices.Notice> Notices = default);
