using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// How the shell retries a transient AWS failure (throttling, 5xx), the way the AWS SDKs' standard
/// mode does: up to <see cref="MaxAttempts"/> attempts with exponential backoff from
/// <see cref="BaseDelay"/>. Anything else fails at once and the next reconcile sees it.
/// </summary>
/// <param name="MaxAttempts">Attempts in all, the first included (AWS standard mode: 3).</param>
/// <param name="BaseDelay">Wait before the second attempt; doubled before each further one.</param>
/// <param name="Wait">How to wait: a real delay in the operator, a clock advance in the simulation.</param>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, Func<TimeSpan, Task> Wait)
{
    /// <summary>3 attempts, 100 ms then 200 ms apart, waiting for real.</summary>
    public static readonly RetryPolicy Standard = new(3, TimeSpan.FromMilliseconds(100), d => Task.Delay(d));

    /// <summary>No retries at all.</summary>
    public static readonly RetryPolicy None = new(1, TimeSpan.Zero, _ => Task.CompletedTask);

    public static bool IsTransient(PortException e) => e.Kind is PortErrorKind.Throttled or PortErrorKind.ServerError or PortErrorKind.Unreachable;

    /// <summary>Runs <paramref name="call"/>, retrying transient failures; counts each retry as "retry.&lt;operation&gt;".</summary>
    public async Task<T> RunAsync<T>(string operation, PortCalls calls, Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (PortException e) when (IsTransient(e) && attempt < MaxAttempts)
            {
                calls.Retry(operation);
                await Wait(BaseDelay * Math.Pow(2, attempt - 1));
            }
        }
    }

    public Task RunAsync(string operation, PortCalls calls, Func<Task> call) =>
        RunAsync(operation, calls, async () => { await call(); return unit; });
}
