namespace Hotswap.Core.Spec;

/// <summary>Where an analysis query runs.</summary>
public enum MetricProvider
{
    Datadog,
    Prometheus,
}
