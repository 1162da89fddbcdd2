using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// The simulated ALB behind a lock (workers call it at once; it was written for one caller), counting
/// what it was asked.
/// </summary>
public sealed class SerialLoadBalancer(SimulatedLoadBalancer inner) : ILoadBalancer
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public int DescribeRules;
    public int ModifyRule;
    public int DescribeTargetHealth;

    private async Task<T> Serial<T>(Func<Task<T>> call)
    {
        await gate.WaitAsync();
        try
        {
            return await call();
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, LanguageExt.Option<string> marker, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref DescribeRules);
        return Serial(() => inner.DescribeRulesAsync(listenerArn, marker, cancellation));
    }

    public Task ModifyRuleAsync(string ruleArn, LanguageExt.Seq<RuleAction> actions, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref ModifyRule);
        return Serial(async () =>
        {
            await inner.ModifyRuleAsync(ruleArn, actions, cancellation);
            return true;
        });
    }

    public Task<LanguageExt.Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref DescribeTargetHealth);
        return Serial(() => inner.DescribeTargetHealthAsync(targetGroupArn, cancellation));
    }
}
