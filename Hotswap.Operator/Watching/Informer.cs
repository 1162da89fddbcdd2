using System.Net;
using Hotswap.Operator.Running;
using k8s;
using k8s.Autorest;

namespace Hotswap.Operator.Watching;

/// <summary>
/// List, then watch, one collection into an <see cref="ObjectStore{T}"/>, as client-go's reflector
/// does: the watch resumes from the last resourceVersion it saw (objects and bookmarks move it),
/// so a dropped connection or a watch that times out costs no list; a 410 Gone (the version was
/// compacted away), as an HTTP status or as an ERROR event, lists anew; any other failure
/// reconnects after a back-off that doubles from <see cref="RetryBase"/> to <see cref="RetryCap"/>
/// and resets once a watch delivers something. Each change the store takes goes to
/// <c>changed</c>; each state change to <see cref="IControllerObserver.Watch"/>.
/// </summary>
public sealed class Informer<T> where T : class
{
    /// <summary>The first reconnect waits this long: a dropped connection usually comes back at once.</summary>
    public static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(250);

    /// <summary>At most this long between attempts while the API server is away, so it is back in use within half a minute of returning.</summary>
    public static readonly TimeSpan RetryCap = TimeSpan.FromSeconds(30);

    private readonly WatchedCollection<T> collection;
    private readonly IControllerObserver observer;
    private readonly TimeProvider time;
    private readonly Action<ObjectStore<T>.Change> changed;
    private readonly TimeSpan watchTimeout;
    private volatile bool synced;
    private volatile string resourceVersion = "";
    private int lists;

    /// <param name="collection">What to list and watch.</param>
    /// <param name="store">Where the objects go (several informers may share one: one per namespace).</param>
    /// <param name="observer">Told when the informer lists, resumes, expires or fails.</param>
    /// <param name="time">Back-off delays.</param>
    /// <param name="changed">Called for each change the store took, on the informer's task.</param>
    /// <param name="watchTimeout">How long one watch request lasts before it is renewed; default 5 to 10 minutes, as client-go.</param>
    public Informer(
        WatchedCollection<T> collection, ObjectStore<T> store, IControllerObserver observer, TimeProvider time,
        Action<ObjectStore<T>.Change> changed, TimeSpan? watchTimeout = null)
    {
        this.collection = collection;
        Store = store;
        this.observer = observer;
        this.time = time;
        this.changed = changed;
        this.watchTimeout = watchTimeout ?? TimeSpan.FromSeconds(300 + Random.Shared.Next(300));
    }

    public ObjectStore<T> Store { get; }

    public string Resource => collection.Resource;

    /// <summary>True once the collection was listed.</summary>
    public bool Synced => synced;

    /// <summary>The last resourceVersion seen (a list's, an object's or a bookmark's); where the next watch starts.</summary>
    public string ResourceVersion => resourceVersion;

    /// <summary>How many times the collection was listed (once, plus once per 410).</summary>
    public int Lists => Volatile.Read(ref lists);

    /// <summary>Lists and watches until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var failures = 0;
        var listed = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (!listed)
                {
                    await ListAsync(stopping);
                    listed = true;
                }
                else if (failures > 0) observer.Watch(Resource, "resumed", $"from resourceVersion {resourceVersion}");
                var outcome = await WatchAsync(stopping);
                if (outcome == WatchEnd.Expired)
                {
                    observer.Watch(Resource, "expired", $"resourceVersion {resourceVersion} is too old; listing anew");
                    listed = false;
                    continue;
                }
                if (outcome == WatchEnd.Delivered) failures = 0;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
            {
                observer.Watch(Resource, "expired", $"resourceVersion {resourceVersion} is too old; listing anew");
                listed = false;
                continue;
            }
            catch (Exception e)
            {
                failures++;
                observer.Watch(Resource, "failed", $"{e.GetType().Name}: {e.Message}");
                var delay = Delay(failures);
                try
                {
                    await Task.Delay(delay, time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The wait before attempt <paramref name="failures"/>+1: 250 ms, 500 ms, 1 s, … 30 s.</summary>
    public static TimeSpan Delay(int failures) =>
        TimeSpan.FromTicks(Math.Min(RetryCap.Ticks, RetryBase.Ticks << Math.Min(failures - 1, 20)));

    private async Task ListAsync(CancellationToken stopping)
    {
        var items = new List<T>();
        string? cont = null;
        string version;
        do
        {
            var page = await collection.List(cont, stopping);
            items.AddRange(page.Items);
            version = page.ResourceVersion;
            cont = page.Continue;
        } while (cont is not null);
        var changes = Store.Replace(collection.Namespace, items, version);
        resourceVersion = version;
        Interlocked.Increment(ref lists);
        synced = true;
        observer.Watch(Resource, "listed", $"{items.Count} objects at resourceVersion {version}");
        foreach (var c in changes) changed(c);
    }

    private enum WatchEnd
    {
        Quiet,
        Delivered,
        Expired,
    }

    /// <summary>410, or a Status whose reason says the same where a server leaves the code out.</summary>
    private static bool Gone(KubernetesException e) =>
        e.Status?.Code == 410 || e.Status?.Reason is "Expired" or "Gone";

    /// <summary>One watch request, until the server ends it (its timeout) or it fails.</summary>
    private async Task<WatchEnd> WatchAsync(CancellationToken stopping)
    {
        Exception? error = null;
        var delivered = false;
        try
        {
            await foreach (var (type, obj) in collection.Watch(resourceVersion, (int)watchTimeout.TotalSeconds, e => error ??= e, stopping))
            {
                delivered = true;
                var version = collection.Meta(obj).ResourceVersion;
                var change = type switch
                {
                    WatchEventType.Added or WatchEventType.Modified => Store.Upsert(obj),
                    WatchEventType.Deleted => Store.Remove(obj),
                    _ => null,
                };
                if (!string.IsNullOrEmpty(version)) resourceVersion = version;
                if (change is not null) changed(change);
            }
        }
        catch (EndOfStreamException)
        {
            // The server ended a watch that carried nothing (KubernetesClient reads the first line eagerly).
        }
        if (error is KubernetesException k && Gone(k)) return WatchEnd.Expired;
        if (error is not null) throw new WatchFailedException(error);
        return delivered ? WatchEnd.Delivered : WatchEnd.Quiet;
    }
}
