namespace Hotswap.Core.Children;

/// <summary>A measurement passes, fails, or is inconclusive (no data, NaN, provider error).</summary>
public enum MeasurementOutcome
{
    Passed,
    Failed,
    Inconclusive,
}
