using Hotswap.Core.Observed;

namespace Hotswap.Core.Status;

/// <summary>System.status.applications[]: one application's migration.</summary>
/// <param name="Name">Application name.</param>
/// <param name="Phase">Where the migration is.</param>
/// <param name="Message">Why, naming clusters, checks and jobs.</param>
/// <param name="Step">Current weight step k (0 = all traffic on the old side).</param>
/// <param name="Steps">N = ceil(totalWeight / stepWeight); 1 without weight shifting.</param>
/// <param name="StepStartedAt">When step k's configuration was first observed in place; checks must be newer.</param>
/// <param name="FailedAt">When the failure was recorded; rollback starts Delay after it.</param>
/// <param name="Target">Hash of the state this migration drives towards; a reverted target is not retried.</param>
/// <param name="Weights">The forward config as last observed.</param>
/// <param name="LastFailure">
/// The application's command that failed in the last reconcile that ran its commands, if one did
/// (see <see cref="FailureReport"/>); None once its commands run without failure.
/// </param>
/// <param name="WaitingFor">What the application waits for right now, in a word ("deployed", "precheck",
/// "readiness", ...); empty when it is not waiting. The progress deadline runs per wait.</param>
/// <param name="WaitingSince">When that wait began; progressDeadline after it, the application fails.</param>
/// <param name="RequestsHandledAt">
/// The time of the last manual request (abort, retry, promote: <see cref="Controls.ManualControls"/>)
/// the planner handled for this application, acted on or not; a request made no later is history.
/// Kept across targets, so an old request never touches a later migration.
/// </param>
/// <param name="PromotedFully">
/// <c>hotswap promote --full</c> was handled for this migration: no step waits for its checks any more.
/// </param>
public sealed record ApplicationStatus(
    string Name,
    ApplicationPhase Phase,
    string Message,
    int Step,
    int Steps,
    Option<DateTimeOffset> StepStartedAt,
    Option<DateTimeOffset> FailedAt,
    string Target,
    Option<ForwardConfig> Weights,
    string WaitingFor = "",
    Option<DateTimeOffset> WaitingSince = default,
    Option<CommandFailure> LastFailure = default,
    Option<DateTimeOffset> RequestsHandledAt = default,
    bool PromotedFully = false);
