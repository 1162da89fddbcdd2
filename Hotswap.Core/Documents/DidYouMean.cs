namespace Hotswap.Core.Documents;

/// <summary>
/// Hints for misspelt world-file fields, using the same <see cref="Parsing.Spelling"/> as System
/// manifests: "endpiont" → "endpoint", "listenerArn" → "listenerARN".
/// </summary>
internal static class DidYouMean
{
    public static Option<string> Nearest(string word, IEnumerable<string> known) =>
        Parsing.Spelling.Nearest(word, known);

    /// <summary>"; did you mean "x"?" or ", expected one of: a, b".</summary>
    public static string Hint(string word, IReadOnlyCollection<string> known) =>
        Nearest(word, known).Match(
            k => $"; did you mean \"{k}\"?",
            () => $"; expected one of: {string.Join(", ", known)}");
}
