namespace Hotswap.Core.Children;

/// <summary>What a metric provider answered for one query: a number, no data, or an error.</summary>
public abstract record MetricReading
{
    private MetricReading() { }

    public sealed record Value(double Number) : MetricReading;

    public sealed record NoData : MetricReading;

    public sealed record ProviderError(string Reason) : MetricReading;
}
