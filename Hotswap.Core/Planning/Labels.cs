namespace Hotswap.Core.Planning;

/// <summary>Label maps: selector matching and printing.</summary>
public static class Labels
{
    /// <summary>matchLabels semantics: every selector pair is present; an empty selector matches all.</summary>
    public static bool Matches(this Map<string, string> selector, Map<string, string> labels) =>
        selector.ForAll((k, v) => labels.Find(k).Map(x => x == v).IfNone(false));

    /// <summary>"a=1,b=2", keys sorted.</summary>
    public static string FormatLabels(this Map<string, string> labels) =>
        string.Join(",", labels.AsEnumerable().Select(kv => $"{kv.Key}={kv.Value}"));
}
