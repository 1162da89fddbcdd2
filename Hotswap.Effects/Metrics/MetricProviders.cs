using Hotswap.Core.Children;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Metrics;

/// <summary>The <see cref="IMetrics"/> port over the configured providers; a check naming one that is not configured is inconclusive with the reason.</summary>
public sealed class MetricProviders(Option<PrometheusMetrics> prometheus, Option<DatadogMetrics> datadog) : IMetrics
{
    public Task<MetricReading> QueryAsync(
        MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default) =>
        provider switch
        {
            MetricProvider.Prometheus => prometheus.Match(
                p => p.QueryAsync(query, at, cancellation),
                () => NotConfigured("prometheus", "--prometheus-url")),
            MetricProvider.Datadog => datadog.Match(
                d => d.QueryAsync(query, at, window, cancellation),
                () => NotConfigured("datadog", "DD_API_KEY and DD_APP_KEY")),
            _ => NotConfigured(provider.ToString(), "a provider"),
        };

    private static Task<MetricReading> NotConfigured(string name, string how) =>
        Task.FromResult<MetricReading>(new MetricReading.ProviderError($"the {name} provider is not configured (set {how})"));
}
