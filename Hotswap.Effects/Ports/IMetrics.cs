using Hotswap.Core.Children;
using Hotswap.Core.Spec;

namespace Hotswap.Effects.Ports;

/// <summary>A metric backend (Datadog, Prometheus): one query evaluated at one instant.</summary>
public interface IMetrics
{
    /// <summary>The reading; no data and provider errors are readings too, or a <see cref="PortException"/>.</summary>
    Task<MetricReading> QueryAsync(MetricProvider provider, string query, DateTimeOffset at);
}
