namespace Hotswap.Core.Parsing;

/// <summary>"did you mean" suggestions for misspelt field and variable names.</summary>
public static class Spelling
{
    /// <summary>
    /// The known name closest to <paramref name="typed"/>, if it is close enough to be a typo:
    /// at most 2 edits, and at most a third of the typed length (at least 1).
    /// <c>Nearest("lables", ["name", "labels"])</c> → <c>labels</c> (one transposition);
    /// <c>Nearest("podName", ["clusterName", …])</c> → None.
    /// </summary>
    public static Option<string> Nearest(string typed, IEnumerable<string> known)
    {
        var limit = Math.Max(1, Math.Min(2, typed.Length / 3));
        var best = known
            .Select(k => (Name: k, Distance: Distance(typed, k)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= limit ? Some(best.Name) : None;
    }

    /// <summary>"; did you mean \"labels\"?" or "" when nothing is close.</summary>
    public static string DidYouMean(string typed, IEnumerable<string> known) =>
        Nearest(typed, known).Match(n => $"; did you mean \"{n}\"?", () => "");

    /// <summary>
    /// Optimal-string-alignment distance, ignoring case: insertions, deletions, substitutions
    /// and adjacent transpositions each cost 1. <c>Distance("lables", "labels")</c> = 1.
    /// </summary>
    public static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
