using Hotswap.Core.Planning;
using Hotswap.Effects;

namespace Hotswap.Operator.Running;

/// <summary>
/// What the controller reports as it works, for metrics and logs. Called from worker and watch
/// threads at once; implementations must be cheap, thread-safe, and never throw.
/// </summary>
public interface IControllerObserver
{
    /// <summary>One reconcile of one object finished, whatever it did, after <paramref name="duration"/>.</summary>
    void Reconciled(string @namespace, ObjectKey key, ObjectReport report, TimeSpan duration);

    /// <summary>A reconcile threw (a bug, or a failure no port turned into an outcome); the key is retried after a back-off.</summary>
    void ReconcileCrashed(string @namespace, ObjectKey key, Exception error, TimeSpan duration);

    /// <summary>Dry run: what the operator would do for a System now; nothing was executed or recorded.</summary>
    void Planned(string @namespace, string system, SystemPlan plan);

    /// <summary>A System's manifest could not be parsed; its status says why.</summary>
    void Unparseable(string @namespace, string system, IReadOnlyList<string> errors);

    /// <summary>The work queue now holds <paramref name="depth"/> keys (ready or waiting).</summary>
    void QueueDepth(int depth);

    /// <summary>A worker took a key that had been ready for <paramref name="waited"/>.</summary>
    void Dequeued(TimeSpan waited);

    /// <summary>
    /// A watch changed state: "listed" (with the object count), "resumed", "expired" (410: listing
    /// anew), "failed" (with the error; it retries).
    /// </summary>
    void Watch(string resource, string what, string detail);
}
