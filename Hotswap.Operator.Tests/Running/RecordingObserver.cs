using System.Collections.Concurrent;
using Hotswap.Core.Planning;
using Hotswap.Effects;
using Hotswap.Operator.Running;

namespace Hotswap.Operator.Tests.Running;

/// <summary>Keeps what the controller reported, for tests to read.</summary>
public sealed class RecordingObserver : IControllerObserver
{
    public ConcurrentQueue<(string Namespace, ObjectKey Key, ObjectReport Report)> Reconciles { get; } = new();
    public ConcurrentQueue<(ObjectKey Key, Exception Error)> Crashes { get; } = new();
    public ConcurrentQueue<(string System, SystemPlan Plan)> Plans { get; } = new();
    public ConcurrentQueue<(string System, IReadOnlyList<string> Errors)> Unparseables { get; } = new();
    public ConcurrentQueue<(string Resource, string What, string Detail)> Watches { get; } = new();

    public void Reconciled(string @namespace, ObjectKey key, ObjectReport report, TimeSpan duration) => Reconciles.Enqueue((@namespace, key, report));

    public void ReconcileCrashed(string @namespace, ObjectKey key, Exception error, TimeSpan duration) => Crashes.Enqueue((key, error));

    public void Planned(string @namespace, string system, SystemPlan plan) => Plans.Enqueue((system, plan));

    public void Unparseable(string @namespace, string system, IReadOnlyList<string> errors) => Unparseables.Enqueue((system, errors));

    public void QueueDepth(int depth)
    {
    }

    public void Dequeued(TimeSpan waited)
    {
    }

    public void Watch(string resource, string what, string detail) => Watches.Enqueue((resource, what, detail));

    public int WatchesOf(string resource, string what) => Watches.Count(w => w.Resource == resource && w.What == what);
}
