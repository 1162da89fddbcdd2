using Hotswap.Core.Children;
using Hotswap.Core.Observed;

namespace Hotswap.Properties.Model;

/// <summary>How the model's outside world behaves: metric readings, Job results, crash points.</summary>
/// <param name="Reading">The metric reading for a check at a weight step (new-side share) and time.</param>
/// <param name="JobFails">Whether a precheck/postcheck Job (by check name) fails.</param>
/// <param name="CrashAfter">Round numbers at which the operator crashes after executing this many commands.</param>
/// <param name="Outside">
/// What else the outside world does after ArgoCD and the Jobs reacted, at a time: ArgoCD slow to
/// sync, EKS slow to become ACTIVE, an Application turning Degraded, a cluster UPDATING. None:
/// nothing.
/// </param>
public sealed record Scenario(
    Func<CheckObjectSpec, World, MetricReading> Reading,
    Func<string, bool> JobFails,
    HashMap<int, int> CrashAfter,
    Func<World, DateTimeOffset, World>? Outside = null)
{
    public static readonly Scenario AllPass = new(
        (_, _) => new MetricReading.Value(0.01), _ => false, HashMap<int, int>());
}
