using Hotswap.Core.Children;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// Metric providers in memory. A query is traced back to its Check object (same rendered query)
/// to learn the application, check and cluster; the value then follows the scenario's
/// <see cref="MetricBehaviour"/>s, by the application's recorded step and the time since the
/// migration started. Before the migration starts (while the old spec is rolled out) every query
/// reads the default value.
/// </summary>
public sealed class SimulatedMetrics(SimulatedWorld world) : IMetrics
{
    public Task<MetricReading> QueryAsync(
        MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default)
    {
        var scenario = world.Scenario;
        var fallback = (MetricReading)new MetricReading.Value(scenario.DefaultMetricValue);
        var started = world.MigrationStartedAt;
        if (started.IsNone) return Task.FromResult(fallback);
        var check = world.Kubernetes.CheckObjects.All.Find(o => o.Spec.Query == query);
        var reading = check.Bind(o =>
        {
            var step = world.Kubernetes.SystemStatusOf(o.Spec.System)
                .Bind(s => s.Application(o.Spec.Application)).Map(a => a.Step).IfNone(0);
            var elapsed = at - started.IfNone(at);
            return scenario.Metrics
                .Filter(b => b.Application == o.Spec.Application && b.Check == o.Spec.Check)
                .Filter(b => b.Cluster is null || o.Spec.Cluster.Exists(c => c == b.Cluster))
                .Filter(b => b.FromStep is null || step >= b.FromStep)
                .Filter(b => b.FromTime is null || elapsed >= b.FromTime)
                .LastOrNone()
                .Map(b => b.NoData ? (MetricReading)new MetricReading.NoData() : new MetricReading.Value(b.Value));
        });
        return Task.FromResult(reading.IfNone(fallback));
    }
}
