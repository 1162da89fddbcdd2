using Hotswap.Effects.Ports;
using Polly;
using Polly.Retry;

namespace Hotswap.Effects.Aws;

/// <summary>
/// The AWS SDKs' standard retry mode: throttling, 5xx and dropped connections are retried up to
/// <see cref="MaxAttempts"/> attempts in all, waiting a full-jitter exponential backoff
/// <c>random(0..1) × min(BaseDelay × 2^attempt, MaxBackoff)</c> between them; anything else fails
/// at once. Example with the defaults: waits drawn from 0..2 s, then 0..4 s; then the error surfaces.
/// </summary>
/// <param name="MaxAttempts">Attempts per call, the first included (standard mode: 3).</param>
/// <param name="BaseDelay">Backoff base (standard mode: 1 s).</param>
/// <param name="MaxBackoff">Cap of one wait (standard mode: 20 s).</param>
public sealed record AwsRetry(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxBackoff)
{
    public static readonly AwsRetry Standard = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

    /// <summary>The wait before retry number <paramref name="retry"/> (0-based) for a jitter draw <paramref name="random"/> in [0, 1).</summary>
    public TimeSpan Backoff(int retry, double random) =>
        TimeSpan.FromTicks((long)(random * Math.Min(BaseDelay.Ticks * Math.Pow(2, retry + 1), MaxBackoff.Ticks)));

    /// <summary>A Polly pipeline retrying transient <see cref="PortException"/>s; <paramref name="onRetry"/> sees each retry.</summary>
    public ResiliencePipeline Pipeline(Action<PortException>? onRetry = null)
    {
        if (MaxAttempts <= 1) return ResiliencePipeline.Empty;
        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = new PredicateBuilder().Handle<PortException>(RetryPolicy.IsTransient),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(Backoff(args.AttemptNumber, Random.Shared.NextDouble())),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is PortException e) onRetry?.Invoke(e);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
