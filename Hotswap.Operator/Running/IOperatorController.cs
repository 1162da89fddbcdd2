namespace Hotswap.Operator.Running;

/// <summary>
/// The in-cluster controller as the host drives it: the caches (watches) run on every replica, so a
/// replica that becomes leader starts from a warm cache; the workers run only while leading.
/// </summary>
public interface IOperatorController
{
    /// <summary>Starts the watches; they run until <paramref name="stopping"/> is cancelled. Returns once started.</summary>
    Task StartCachesAsync(CancellationToken stopping);

    /// <summary>True once every watch has listed its objects at least once.</summary>
    bool CachesSynced { get; }

    /// <summary>
    /// Runs the workers until <paramref name="leading"/> is cancelled (leadership lost, or shutdown),
    /// then returns once the reconciles in flight have stopped: each stops before its next command,
    /// the command in flight is finished, nothing more is written.
    /// </summary>
    Task RunWorkersAsync(CancellationToken leading);
}
