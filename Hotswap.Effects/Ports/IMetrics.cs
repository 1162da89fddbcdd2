using Hotswap.Core.Children;
using Hotswap.Core.Spec;

namespace Hotswap.Effects.Ports;

/// <summary>A metric backend (Datadog, Prometheus): one query, answered with one number.</summary>
public interface IMetrics
{
    /// <summary>
    /// The reading at <paramref name="at"/>; Datadog reads the <paramref name="window"/> before it
    /// (the check's interval), Prometheus evaluates an instant query at <paramref name="at"/>.
    /// No data and provider errors are readings too, or a <see cref="PortException"/>.
    /// </summary>
    Task<MetricReading> QueryAsync(
        MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default);
}
