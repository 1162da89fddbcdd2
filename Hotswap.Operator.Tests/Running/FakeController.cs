using Hotswap.Operator.Running;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// A controller standing in for the real one: caches that sync when told, workers that "reconcile"
/// until their token is cancelled and then take <see cref="InFlight"/> to finish the command in
/// flight. Replicas given one <see cref="Shared"/> record how many ran workers at once.
/// </summary>
public sealed class FakeController(FakeController.Tally? shared = null, bool syncAtOnce = true) : IOperatorController
{
    /// <summary>Workers running now and the most ever at once, over every replica sharing it.</summary>
    public sealed class Tally
    {
        private int running;

        public int Running => Volatile.Read(ref running);

        public int MostAtOnce { get; private set; }

        public void Enter()
        {
            var now = Interlocked.Increment(ref running);
            lock (this) MostAtOnce = Math.Max(MostAtOnce, now);
        }

        public void Leave() => Interlocked.Decrement(ref running);
    }

    private readonly object gate = new();
    private TaskCompletionSource startedWorkers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource stoppedWorkers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool synced;

    public Tally Shared { get; } = shared ?? new Tally();

    public TimeSpan InFlight { get; init; } = TimeSpan.FromMilliseconds(300);

    public bool CachesStarted { get; private set; }

    public CancellationToken CachesToken { get; private set; }

    public bool Working { get; private set; }

    /// <summary>Commands finished after the workers were told to stop.</summary>
    public int FinishedCommands { get; private set; }

    public int Terms { get; private set; }

    public bool CachesSynced => synced;

    public void Sync() => synced = true;

    public Task StartCachesAsync(CancellationToken stopping)
    {
        CachesStarted = true;
        CachesToken = stopping;
        if (syncAtOnce) synced = true;
        return Task.CompletedTask;
    }

    public async Task RunWorkersAsync(CancellationToken leading)
    {
        Shared.Enter();
        lock (gate)
        {
            Working = true;
            Terms++;
            startedWorkers.TrySetResult();
        }
        try
        {
            await Task.Delay(Timeout.Infinite, leading);
        }
        catch (OperationCanceledException)
        {
        }
        await Task.Delay(InFlight, CancellationToken.None);
        lock (gate)
        {
            FinishedCommands++;
            Working = false;
            stoppedWorkers.TrySetResult();
            startedWorkers = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        Shared.Leave();
    }

    /// <summary>Completes when workers run (at once if they do now).</summary>
    public Task WorkersStarted
    {
        get
        {
            lock (gate) return Working ? Task.CompletedTask : startedWorkers.Task;
        }
    }

    /// <summary>Completes the next time workers stop.</summary>
    public Task WorkersStopped
    {
        get
        {
            lock (gate)
            {
                if (stoppedWorkers.Task.IsCompleted && !Working) return Task.CompletedTask;
                return stoppedWorkers.Task;
            }
        }
    }

    public void ExpectNextStop()
    {
        lock (gate) stoppedWorkers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
