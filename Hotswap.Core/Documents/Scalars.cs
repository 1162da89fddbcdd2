using System.Globalization;

namespace Hotswap.Core.Documents;

/// <summary>How to read one kind of scalar, and how to say what was expected.</summary>
internal sealed record Scalar<T>(string Expected, Func<string, Option<T>> Parse, Func<string, string> Hint);

/// <summary>The scalar kinds documents use.</summary>
internal static class Scalars
{
    /// <summary>A scalar kind without a hint beyond what was expected.</summary>
    public static Scalar<T> Of<T>(string expected, Func<string, Option<T>> parse) =>
        new(expected, parse, _ => "");

    public static readonly Scalar<string> Text = Of("a string", Some);

    public static readonly Scalar<int> Int = Of("an integer", s =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? Some(v) : None);

    public static readonly Scalar<long> Long = Of("an integer", s =>
        long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? Some(v) : None);

    public static readonly Scalar<double> Double = Of("a number", s =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Some(v) : None);

    public static readonly Scalar<bool> Bool = Of("true or false", s =>
        s.Equals("true", StringComparison.OrdinalIgnoreCase) ? Some(true)
        : s.Equals("false", StringComparison.OrdinalIgnoreCase) ? Some(false)
        : None);

    public static readonly Scalar<DateTimeOffset> Time =
        Of("an RFC 3339 time with an offset, e.g. 2026-11-24T10:03:00Z", Times.Parse);

    public static readonly Scalar<TimeSpan> Duration =
        Of("a duration such as 30s, 1m or 1h30m", Durations.Parse);

    /// <summary>An enum by name (case ignored), spelt as <paramref name="spell"/> writes it.</summary>
    public static Scalar<T> Choice<T>(Func<T, string> spell) where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(v => (Value: v, Name: spell(v))).ToArray();
        var spelt = names.Select(n => n.Name).ToArray();
        return new Scalar<T>(
            "one of " + string.Join(", ", spelt),
            s => names.Where(n => n.Name.Equals(s, StringComparison.OrdinalIgnoreCase))
                .Select(n => n.Value).HeadOrNone(),
            s => DidYouMean.Nearest(s, spelt).Match(k => $"; did you mean \"{k}\"?", () => ""));
    }
}
