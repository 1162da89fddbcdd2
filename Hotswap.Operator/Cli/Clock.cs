using System.Globalization;

namespace Hotswap.Operator.Cli;

/// <summary>Instants and ages as <c>hotswap get</c> prints them.</summary>
public static class Clock
{
    /// <summary>"2026-11-24T10:05:11Z": UTC, to the second, for people.</summary>
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"2026-11-24T10:05:11.5Z": UTC with every tick kept, for JSON.</summary>
    public static string Exact(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z";

    /// <summary>
    /// An age as kubectl prints one: "45s", "5m30s", "95m", "3h20m", "30h", "3d4h", "12d".
    /// </summary>
    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        var s = (long)age.TotalSeconds;
        var m = s / 60;
        var h = m / 60;
        var d = h / 24;
        return s < 120 ? $"{s}s"
            : m < 10 ? (s % 60 == 0 ? $"{m}m" : $"{m}m{s % 60}s")
            : m < 180 ? $"{m}m"
            : h < 8 ? (m % 60 == 0 ? $"{h}h" : $"{h}h{m % 60}m")
            : h < 48 ? $"{h}h"
            : d < 8 ? (h % 24 == 0 ? $"{d}d" : $"{d}d{h % 24}h")
            : $"{d}d";
    }
}
