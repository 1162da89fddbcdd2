using System.Globalization;

namespace Hotswap.Core.Documents;

/// <summary>
/// A document before it is text: ordered maps, lists and typed scalars. One shape of each record
/// (see <see cref="DocumentShapes"/>) renders to the world file's YAML and to the plan's JSON, so
/// the two spell every field the same way.
/// </summary>
internal abstract record DocNode
{
    private DocNode() { }

    /// <summary>Keys in the order they are written; YAML leaves an empty map out unless <paramref name="KeepEmpty"/>.</summary>
    public sealed record Map(IReadOnlyList<KeyValuePair<string, DocNode>> Entries, bool KeepEmpty = false) : DocNode;

    /// <summary>Items in order; YAML leaves an empty list out unless <paramref name="KeepEmpty"/>.</summary>
    public sealed record List(IReadOnlyList<DocNode> Items, bool KeepEmpty = false) : DocNode;

    public sealed record Text(string Value) : DocNode;

    /// <summary>A number as written: invariant culture, doubles round-trippable ("R").</summary>
    public sealed record Number(string Literal) : DocNode;

    public sealed record Bool(bool Value) : DocNode;

    /// <summary>An absent optional value: JSON writes null, YAML leaves the key out.</summary>
    public sealed record Null : DocNode;

    public static readonly DocNode Nothing = new Null();

    public static DocNode Of(string value) => new Text(value);

    public static DocNode Of(long value) => new Number(value.ToString(CultureInfo.InvariantCulture));

    public static DocNode Of(bool value) => new Bool(value);

    /// <summary>Finite doubles as numbers ("R"); NaN and infinities as text, which JSON has no number for.</summary>
    public static DocNode Of(double value) =>
        double.IsFinite(value)
            ? new Number(value.ToString("R", CultureInfo.InvariantCulture))
            : new Text(value.ToString("R", CultureInfo.InvariantCulture));

    public static DocNode Of(DateTimeOffset value) => new Text(Times.Format(value));

    public static DocNode Of(TimeSpan value) => new Text(Durations.Format(value));

    public static DocNode Of<T>(Option<T> value, Func<T, DocNode> f) => value.Match(f, () => Nothing);

    public static DocNode Fields(params (string Key, DocNode Value)[] fields) =>
        new Map(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).ToArray());

    public static DocNode Items<T>(IEnumerable<T> items, Func<T, DocNode> f, bool keepEmpty = false) =>
        new List(items.Select(f).ToArray(), keepEmpty);

    /// <summary>The entries of two maps, first's then second's.</summary>
    public static DocNode Merge(DocNode first, DocNode second) => (first, second) switch
    {
        (Map a, Map b) => new Map([.. a.Entries, .. b.Entries], a.KeepEmpty || b.KeepEmpty),
        _ => throw new ArgumentException("only maps merge"),
    };

    public static DocNode Strings(IEnumerable<string> items) => Items(items, Of);

    /// <summary>A string map, keys sorted ordinally.</summary>
    public static DocNode Labels(IEnumerable<(string Key, string Value)> labels) =>
        new Map(labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => KeyValuePair.Create(l.Key, Of(l.Value))).ToArray());
}
