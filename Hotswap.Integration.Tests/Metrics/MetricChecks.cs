using Hotswap.Core.Children;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Integration.Tests.Metrics;

/// <summary>Judges a reading the way a Check does (max 0.01), so provider tests state pass / fail / inconclusive.</summary>
internal static class MetricChecks
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static CheckObjectSpec ErrorRate(MetricProvider provider, string query) =>
        new("mysystem-web-error-rate", "mysystem", "web", "error-rate", None, query, None, Some(0.01),
            TimeSpan.FromMinutes(1), provider, 0, 3, false, "h");

    public static Measurement Judge(MetricProvider provider, string query, MetricReading reading) =>
        CheckPlanner.Measure(ErrorRate(provider, query), reading, Now);
}
