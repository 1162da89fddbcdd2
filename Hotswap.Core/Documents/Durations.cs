using System.Globalization;
using System.Text;

namespace Hotswap.Core.Documents;

/// <summary>
/// Durations as people write them in manifests and world files: <c>30s</c>, <c>1m</c>,
/// <c>1h30m</c>, <c>1.5s</c>, <c>250ms</c>. Parsing accepts Go's units (h, m, s, ms, us, ns); each number may have a
/// fraction; <c>0</c> alone is zero. <see cref="Format"/> writes what <see cref="Parse"/> reads back
/// exactly: <c>Format(TimeSpan.FromSeconds(5430.25)) == "1h30m30.25s"</c>.
/// </summary>
public static class Durations
{
    /// <summary>Reads a duration (Go syntax, as in System manifests); None when the text is not one.</summary>
    public static Option<TimeSpan> Parse(string text) => Parsing.GoDuration.Parse(text ?? "");

    /// <summary>
    /// Hours, minutes, then seconds with any fraction: 90s → "1m30s", 1h → "1h", 0 → "0s",
    /// 1.5s → "1.5s", 250ms → "0.25s".
    /// </summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero) return "0s";
        var text = new StringBuilder();
        if (duration < TimeSpan.Zero) text.Append('-');
        // Magnitude as unsigned so TimeSpan.MinValue has one too.
        var ticks = duration.Ticks < 0 ? (ulong)(-(duration.Ticks + 1)) + 1 : (ulong)duration.Ticks;
        var hours = ticks / TimeSpan.TicksPerHour;
        var minutes = ticks % TimeSpan.TicksPerHour / TimeSpan.TicksPerMinute;
        var seconds = (decimal)(ticks % TimeSpan.TicksPerMinute) / TimeSpan.TicksPerSecond;
        if (hours > 0) text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        if (minutes > 0) text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        if (seconds > 0) text.Append(seconds.ToString("0.#######", CultureInfo.InvariantCulture)).Append('s');
        return text.ToString();
    }
}
