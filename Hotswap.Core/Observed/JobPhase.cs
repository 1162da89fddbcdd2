namespace Hotswap.Core.Observed;

/// <summary>Where a Job is: still running, or finished one way or the other.</summary>
public enum JobPhase
{
    Running,
    Succeeded,
    Failed,
}
