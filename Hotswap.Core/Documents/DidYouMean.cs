namespace Hotswap.Core.Documents;

/// <summary>
/// Suggests the known word nearest to a misspelt one by edit distance (Levenshtein, case
/// ignored): "endpiont" → "endpoint", "listenerArn" → "listenerARN". Nothing is suggested when
/// even the nearest word needs more than max(2, length/3) edits.
/// </summary>
internal static class DidYouMean
{
    public static Option<string> Nearest(string word, IEnumerable<string> known) =>
        known
            .Select(k => (Known: k, Distance: Distance(word.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, word.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Known, StringComparer.Ordinal)
            .Select(c => c.Known)
            .HeadOrNone();

    /// <summary>Fewest single-character inserts, deletes and substitutions: Distance("kitten", "sitting") == 3.</summary>
    public static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(
                    Math.Min(current[j - 1] + 1, previous[j] + 1),
                    previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>"; did you mean "x"?" or ", expected one of: a, b".</summary>
    public static string Hint(string word, IReadOnlyCollection<string> known) =>
        Nearest(word, known).Match(
            k => $"; did you mean \"{k}\"?",
            () => $"; expected one of: {string.Join(", ", known)}");
}
