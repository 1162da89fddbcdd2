using Hotswap.Core.Status;

namespace Hotswap.Core.Notices;

/// <summary>
/// Which migration or rollback an application's phase change starts or ends: a decision about
/// migrations, so it lives beside the phases; the operator's metrics count what it says:
/// <list type="bullet">
/// <item>from a resting phase (Pending, Synced, Reverted, Failed) into a moving one: a migration started;</item>
/// <item>from Prechecking, Migrating or Completing to Synced: it succeeded;</item>
/// <item>into PrecheckFailed, CheckFailed or Failed from a moving phase: it failed;</item>
/// <item>into Reverting: a rollback started; Reverting to Reverted: it succeeded; into FailedReverting: it failed.</item>
/// </list>
/// Pending to Synced (a System that needed nothing) counts nothing.
/// </summary>
public static class PhaseTransitions
{
    /// <summary>("migration" or "rollback", outcome), or null when the change is neither.</summary>
    public static (string Counter, string Outcome)? Of(ApplicationPhase before, ApplicationPhase after)
    {
        if (before == after) return null;
        return after switch
        {
            ApplicationPhase.Reverting => ("rollback", "started"),
            ApplicationPhase.Reverted when before == ApplicationPhase.Reverting => ("rollback", "succeeded"),
            ApplicationPhase.FailedReverting => ("rollback", "failed"),
            ApplicationPhase.Synced when Moving(before) => ("migration", "succeeded"),
            ApplicationPhase.PrecheckFailed or ApplicationPhase.CheckFailed or ApplicationPhase.Failed when Moving(before) => ("migration", "failed"),
            _ when Moving(after) && Resting(before) => ("migration", "started"),
            _ => null,
        };
    }

    private static bool Moving(ApplicationPhase p) =>
        p is ApplicationPhase.WaitingForClusters or ApplicationPhase.Prechecking or ApplicationPhase.Migrating or ApplicationPhase.Completing;

    private static bool Resting(ApplicationPhase p) =>
        p is ApplicationPhase.Pending or ApplicationPhase.Synced or ApplicationPhase.Reverted or ApplicationPhase.Failed;
}
