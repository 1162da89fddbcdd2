using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Whether a manual request can apply to an application, as its status records it: the CLI's
/// friendly first line, so a request that cannot apply says why and changes nothing. The planner
/// guards the same cases again (the decision stays in Core). Each returns null when the request
/// applies, else why not.
/// </summary>
public static class ControlGuards
{
    /// <summary>The phases of an application whose migration is under way (the planner's "moving").</summary>
    public static bool IsMoving(ApplicationPhase phase) =>
        phase is ApplicationPhase.Migrating or ApplicationPhase.Prechecking or ApplicationPhase.Completing;

    /// <summary>A failed application that spec.rollback.policy Halt keeps where it failed.</summary>
    public static bool IsHalted(ApplicationStatus status, RollbackPolicy rollback) =>
        rollback.Mode == RollbackMode.Halt && status.Phase is ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed;

    /// <summary>Abort applies to a moving application.</summary>
    public static string? Abort(string application, ApplicationStatus? status) => status?.Phase switch
    {
        null => $"{application} has no recorded status yet: it is not moving, so there is nothing to abort",
        var p when IsMoving(p.Value) => null,
        ApplicationPhase.Synced => $"{application} is Synced: nothing is moving, so there is nothing to abort",
        ApplicationPhase.Pending or ApplicationPhase.WaitingForClusters =>
            $"{application} is {status.Phase}: it has not started moving, so there is nothing to abort (hotswap pause holds it instead)",
        ApplicationPhase.Reverting => $"{application} is already rolling back (Reverting)",
        ApplicationPhase.Reverted => $"{application} is already rolled back (Reverted)",
        _ => $"{application} has already failed ({status.Phase}); it is handled per spec.rollback, and abort applies to a moving application",
    };

    /// <summary>Retry applies to a Reverted, Failed or FailedReverting application, or one halted by spec.rollback.policy Halt.</summary>
    public static string? Retry(string application, ApplicationStatus? status, RollbackPolicy rollback)
    {
        if (status is null) return $"{application} has no recorded status yet: there is nothing to retry";
        if (status.Phase is ApplicationPhase.Reverted or ApplicationPhase.Failed or ApplicationPhase.FailedReverting
            || IsHalted(status, rollback))
            return null;
        if (status.Phase is ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed)
            return $"{application} failed ({status.Phase}) and rolls back per spec.rollback (policy Rollback); retry it once it is Reverted";
        return $"{application} is {status.Phase}: retry applies to an application that is Reverted, Failed, FailedReverting, " +
               "or halted by spec.rollback.policy Halt";
    }

    /// <summary>Promote applies to an application Migrating at step 1 or later: there is a check wait to skip.</summary>
    public static string? Promote(string application, ApplicationStatus? status) => status switch
    {
        null => $"{application} has no recorded status yet: there is no step to promote",
        { Phase: ApplicationPhase.Migrating, Step: >= 1 } => null,
        { Phase: ApplicationPhase.Migrating } =>
            $"{application} is Migrating at step {status.Step}/{status.Steps}: no traffic has moved yet, so there is no check wait " +
            "to skip (promote applies from step 1)",
        _ => $"{application} is {status.Phase}: promote applies to an application that is Migrating at step 1 or later",
    };
}
