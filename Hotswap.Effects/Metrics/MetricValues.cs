using Hotswap.Core.Children;

namespace Hotswap.Effects.Metrics;

/// <summary>Turning a provider's answer into one reading: a finite number, or why there is none.</summary>
public static class MetricValues
{
    /// <summary>A finite number is a value; NaN and ±Inf are inconclusive, never a pass.</summary>
    public static MetricReading Of(double value, string what) =>
        double.IsNaN(value) || double.IsInfinity(value)
            ? new MetricReading.ProviderError($"{what} is {Spell(value)}, not a number a check can compare")
            : new MetricReading.Value(value);

    /// <summary>Prometheus's and Datadog's spelling of a sample ("NaN", "+Inf", "1.5").</summary>
    public static Option<double> Parse(string text) => text switch
    {
        "NaN" => Some(double.NaN),
        "+Inf" or "Inf" => Some(double.PositiveInfinity),
        "-Inf" => Some(double.NegativeInfinity),
        _ => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? Some(v) : None,
    };

    private static string Spell(double v) => double.IsNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf";
}
