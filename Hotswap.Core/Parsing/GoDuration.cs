using System.Globalization;
using System.Text.RegularExpressions;

namespace Hotswap.Core.Parsing;

/// <summary>
/// Go-style durations as Kubernetes users write them: a sequence of decimal numbers with units
/// <c>h, m, s, ms, us, µs, ns</c>, optionally signed. <c>"1h30m"</c> → 01:30:00,
/// <c>"1.5s"</c> → 00:00:01.5, <c>"500ms"</c> → 00:00:00.5, <c>"0"</c> → zero.
/// </summary>
public static class GoDuration
{
    static readonly Regex Part = new(@"\G([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)",
        RegexOptions.CultureInvariant);

    /// <summary>The duration, or None when <paramref name="text"/> is not one.</summary>
    public static Option<TimeSpan> Parse(string text)
    {
        var s = text.Trim();
        var sign = 1;
        if (s.StartsWith('-') || s.StartsWith('+')) { sign = s[0] == '-' ? -1 : 1; s = s[1..]; }
        if (s == "0") return TimeSpan.Zero;
        if (s.Length == 0) return None;
        var ticks = 0m;
        var at = 0;
        while (at < s.Length)
        {
            var m = Part.Match(s, at);
            if (!m.Success || m.Groups[1].Length > 20) return None;
            var n = decimal.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (n > 1e12m) return None; // far beyond TimeSpan; keeps decimal from overflowing
            ticks += n * TicksPer(m.Groups[2].Value);
            at += m.Length;
        }
        // The negative range reaches one tick further than the positive one (TimeSpan.MinValue).
        var limit = sign < 0 ? TimeSpan.MaxValue.Ticks + 1m : TimeSpan.MaxValue.Ticks;
        return ticks > limit ? None : TimeSpan.FromTicks((long)(sign * decimal.Truncate(ticks)));
    }

    static decimal TicksPer(string unit) => unit switch
    {
        "h" => TimeSpan.TicksPerHour,
        "m" => TimeSpan.TicksPerMinute,
        "s" => TimeSpan.TicksPerSecond,
        "ms" => TimeSpan.TicksPerMillisecond,
        "us" or "µs" => 10m,
        _ => 0.01m, // ns: a tick is 100 ns
    };
}
