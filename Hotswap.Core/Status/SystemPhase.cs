namespace Hotswap.Core.Status;

/// <summary>System.status.phase: the most urgent of its applications' phases.</summary>
public enum SystemPhase
{
    Pending,
    WaitingForClusters,
    Prechecking,
    Migrating,
    Completing,
    Synced,
    Failed,
    Reverting,
    Reverted,
    FailedReverting,
}
