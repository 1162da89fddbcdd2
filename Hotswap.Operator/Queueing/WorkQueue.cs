namespace Hotswap.Operator.Queueing;

/// <summary>
/// The controller's rate-limited work queue, as controller-runtime's: a key is queued once however
/// often it is added; a worker that takes a key owns it until <see cref="Done"/>, and a key added
/// meanwhile runs again after that, never twice at once. <see cref="AddAfter"/> delays a key (the
/// earliest wanted time wins); <see cref="AddRateLimited"/> delays it by its own exponential
/// back-off, which <see cref="Forget"/> resets. Time comes from a <see cref="TimeProvider"/>, so
/// tests drive it without sleeping. Thread-safe.
/// </summary>
/// <remarks>
/// Back-off: <see cref="BackoffBase"/> × 2^(failures−1), at most <see cref="BackoffCap"/>:
/// 250 ms, 500 ms, 1 s, 2 s, … 32 s, 60 s, 60 s. The base is short because the commonest failure
/// of a reconcile is a 409 against a cache a few milliseconds behind the API, which the next
/// attempt usually wins. The cap is a minute because that is the default check interval and
/// rollback delay: a key whose failure clears (AWS stops throttling, the API server returns) is
/// back within one interval, while a failing key costs at most one attempt a minute
/// (controller-runtime's 1000 s cap would leave a migration stalled for a quarter of an hour).
/// </remarks>
public sealed class WorkQueue<TKey> : IDisposable where TKey : notnull
{
    public static readonly TimeSpan BackoffBase = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan BackoffCap = TimeSpan.FromMinutes(1);

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly Action<int> depthChanged;
    private readonly Action<TimeSpan> dequeued;
    private readonly Queue<TKey> ready = new();
    private readonly Dictionary<TKey, DateTimeOffset> readySince = [];
    private readonly Dictionary<TKey, DateTimeOffset> waiting = [];
    private readonly HashSet<TKey> inFlight = [];
    // In flight and wanted again: at once (null) or at a time.
    private readonly Dictionary<TKey, DateTimeOffset?> again = [];
    private readonly Dictionary<TKey, int> failures = [];
    private readonly SemaphoreSlim available = new(0);
    private ITimer? timer;
    private DateTimeOffset? timerDue;

    /// <param name="time">The clock of delays and waits.</param>
    /// <param name="depthChanged">The number of keys queued (ready, waiting, or wanted again after their reconcile), on every change.</param>
    /// <param name="dequeued">How long a key waited between becoming ready and being taken.</param>
    public WorkQueue(TimeProvider time, Action<int>? depthChanged = null, Action<TimeSpan>? dequeued = null)
    {
        this.time = time;
        this.depthChanged = depthChanged ?? (_ => { });
        this.dequeued = dequeued ?? (_ => { });
    }

    /// <summary>Keys queued: ready, waiting for their time, or wanted again once their reconcile ends.</summary>
    public int Depth
    {
        get { lock (gate) return DepthNow; }
    }

    /// <summary>Keys being reconciled now.</summary>
    public int InFlight
    {
        get { lock (gate) return inFlight.Count; }
    }

    /// <summary>Keys ready to be taken now.</summary>
    public int Ready
    {
        get { lock (gate) return ready.Count; }
    }

    /// <summary>When the earliest waiting key becomes ready; null when none waits.</summary>
    public DateTimeOffset? NextDue
    {
        get { lock (gate) return waiting.Count == 0 ? null : waiting.Values.Min(); }
    }

    /// <summary>Failures counted for <paramref name="key"/> since it was last forgotten.</summary>
    public int Failures(TKey key)
    {
        lock (gate) return failures.GetValueOrDefault(key);
    }

    private int DepthNow => ready.Count + waiting.Count + again.Count;

    /// <summary>Queue the key now (a waiting key is moved forward).</summary>
    public void Add(TKey key)
    {
        lock (gate)
        {
            if (inFlight.Contains(key)) again[key] = null;
            else if (!readySince.ContainsKey(key))
            {
                waiting.Remove(key);
                MakeReady(key);
            }
            depthChanged(DepthNow);
        }
    }

    /// <summary>Queue the key after <paramref name="delay"/>, unless it is already wanted earlier.</summary>
    public void AddAfter(TKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }
        lock (gate)
        {
            var due = time.GetUtcNow() + delay;
            if (inFlight.Contains(key))
            {
                if (!again.TryGetValue(key, out var wanted)) again[key] = due;
                else if (wanted is { } t && due < t) again[key] = due;
            }
            else if (!readySince.ContainsKey(key)) Wait(key, due);
            depthChanged(DepthNow);
        }
    }

    /// <summary>Count a failure of the key and queue it after its back-off.</summary>
    public void AddRateLimited(TKey key)
    {
        TimeSpan delay;
        lock (gate)
        {
            var n = failures[key] = failures.GetValueOrDefault(key) + 1;
            delay = Backoff(n);
        }
        AddAfter(key, delay);
    }

    /// <summary>The key succeeded: its back-off starts again from the base.</summary>
    public void Forget(TKey key)
    {
        lock (gate) failures.Remove(key);
    }

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row.</summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(BackoffCap.Ticks, BackoffBase.Ticks << Math.Clamp(failures - 1, 0, 30)));

    /// <summary>Takes the next ready key, waiting for one; the caller owns it until <see cref="Done"/>.</summary>
    public async Task<TKey> TakeAsync(CancellationToken cancellation)
    {
        await available.WaitAsync(cancellation);
        lock (gate)
        {
            var key = ready.Dequeue();
            var since = readySince[key];
            readySince.Remove(key);
            inFlight.Add(key);
            depthChanged(DepthNow);
            var waited = time.GetUtcNow() - since;
            dequeued(waited < TimeSpan.Zero ? TimeSpan.Zero : waited);
            return key;
        }
    }

    /// <summary>The reconcile of the key ended; if it was added meanwhile, it is queued again.</summary>
    public void Done(TKey key)
    {
        lock (gate)
        {
            inFlight.Remove(key);
            if (again.Remove(key, out var wanted))
            {
                if (wanted is { } due && due > time.GetUtcNow()) Wait(key, due);
                else MakeReady(key);
            }
            depthChanged(DepthNow);
        }
    }

    private void MakeReady(TKey key, DateTimeOffset? since = null)
    {
        ready.Enqueue(key);
        readySince[key] = since ?? time.GetUtcNow();
        available.Release();
    }

    private void Wait(TKey key, DateTimeOffset due)
    {
        if (waiting.TryGetValue(key, out var wanted) && wanted <= due) return;
        waiting[key] = due;
        if (timerDue is null || due < timerDue) Schedule(due);
    }

    private void Schedule(DateTimeOffset due)
    {
        timer?.Dispose();
        timerDue = due;
        var delay = due - time.GetUtcNow();
        timer = time.CreateTimer(_ => Promote(), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The timer fired: keys whose time came become ready; the timer is set for the next.</summary>
    private void Promote()
    {
        lock (gate)
        {
            timerDue = null;
            var now = time.GetUtcNow();
            foreach (var (key, due) in waiting.Where(kv => kv.Value <= now).ToList())
            {
                waiting.Remove(key);
                // Ready since it was due, however late the timer fired.
                MakeReady(key, due);
            }
            if (waiting.Count > 0) Schedule(waiting.Values.Min());
            depthChanged(DepthNow);
        }
    }

    public void Dispose()
    {
        lock (gate) timer?.Dispose();
        available.Dispose();
    }
}
