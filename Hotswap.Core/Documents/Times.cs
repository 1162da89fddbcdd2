using System.Globalization;
using System.Text.RegularExpressions;

namespace Hotswap.Core.Documents;

/// <summary>
/// Instants as RFC 3339 text with an explicit offset: <c>2026-11-24T10:03:00Z</c>,
/// <c>2026-11-24T11:03:00.5+01:00</c>. Fractions keep every tick, so text reads back equal.
/// </summary>
internal static partial class Times
{
    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex Rfc3339();

    public static string Format(DateTimeOffset value)
    {
        var local = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero
            ? local + "Z"
            : local + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    /// <summary>None unless the text is a date, a time and an offset.</summary>
    public static Option<DateTimeOffset> Parse(string text) =>
        Rfc3339().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : None;
}
