namespace Hotswap.Core.Status;

/// <summary>System.status.applications[].phase.</summary>
public enum ApplicationPhase
{
    /// <summary>Not started: saving the revision, or nothing observed yet.</summary>
    Pending,
    /// <summary>The readiness gate is closed: some cluster is not ready yet.</summary>
    WaitingForClusters,
    /// <summary>Precheck Jobs are running for the current forward config.</summary>
    Prechecking,
    /// <summary>Members are changing or traffic is moving, step by step.</summary>
    Migrating,
    /// <summary>All traffic is on the new side: postchecks, then removing old members.</summary>
    Completing,
    /// <summary>Membership and traffic are as the spec says. Nothing to do.</summary>
    Synced,
    /// <summary>A precheck Job failed; rollback or halt follows.</summary>
    PrecheckFailed,
    /// <summary>A check (or postcheck) failed; rollback or halt follows.</summary>
    CheckFailed,
    /// <summary>Moving back towards the saved revision.</summary>
    Reverting,
    /// <summary>Back at the saved revision; the failed target is not retried until the spec changes.</summary>
    Reverted,
    /// <summary>Rollback could not proceed; a person is needed.</summary>
    FailedReverting,
    /// <summary>The readiness gate timed out, or the application cannot be migrated as specified.</summary>
    Failed,
}
