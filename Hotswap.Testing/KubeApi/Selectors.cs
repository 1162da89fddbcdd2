using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// labelSelector (equality: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>; set-based: <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c>, <c>!a</c>) and fieldSelector (<c>metadata.name</c>,
/// <c>metadata.namespace</c>, or any other dotted path, with <c>=</c>, <c>==</c>, <c>!=</c>).
/// </summary>
public static class Selectors
{
    /// <summary>A predicate over an object's labels; a malformed selector is a 400.</summary>
    public static Func<JsonObject, bool> Labels(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return _ => true;
        var tests = SplitTop(selector).Select(ParseLabel).ToList();
        return obj =>
        {
            var labels = obj["metadata"]?["labels"] as JsonObject;
            return tests.All(t => t(labels));
        };
    }

    /// <summary>A predicate over an object's fields; a malformed selector is a 400.</summary>
    public static Func<JsonObject, bool> Fields(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return _ => true;
        var tests = SplitTop(selector).Select(ParseField).ToList();
        return obj => tests.All(t => t(obj));
    }

    private static IEnumerable<string> SplitTop(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '(') depth++;
            else if (selector[i] == ')') depth--;
            else if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i].Trim();
                start = i + 1;
            }
        }
        yield return selector[start..].Trim();
    }

    private static string? Label(JsonObject? labels, string key) =>
        labels?[key] is JsonValue v ? v.ToString() : null;

    private static Func<JsonObject?, bool> ParseLabel(string term)
    {
        var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2 && words[1] is "in" or "notin")
        {
            var key = words[0];
            var rest = term[(term.IndexOf(words[1], key.Length, StringComparison.Ordinal) + words[1].Length)..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
                throw KubeStatus.BadRequest($"unable to parse requirement: found '{rest}', expected: '('");
            var values = rest[1..^1].Split(',').Select(v => v.Trim()).ToHashSet();
            return words[1] == "in"
                ? labels => Label(labels, key) is { } v && values.Contains(v)
                : labels => Label(labels, key) is not { } v || !values.Contains(v);
        }
        if (term.Contains("!="))
        {
            var (k, v) = Split(term, "!=");
            return labels => Label(labels, k) != v;
        }
        if (term.Contains("=="))
        {
            var (k, v) = Split(term, "==");
            return labels => Label(labels, k) == v;
        }
        if (term.Contains('='))
        {
            var (k, v) = Split(term, "=");
            return labels => Label(labels, k) == v;
        }
        if (term.StartsWith('!'))
        {
            var k = term[1..].Trim();
            return labels => Label(labels, k) is null;
        }
        if (term.Length == 0 || term.Contains(' ') || term.Contains('(') || term.Contains(')'))
            throw KubeStatus.BadRequest($"unable to parse requirement: invalid label selector \"{term}\"");
        return labels => Label(labels, term) is not null;
    }

    private static (string, string) Split(string term, string op)
    {
        var i = term.IndexOf(op, StringComparison.Ordinal);
        return (term[..i].Trim(), term[(i + op.Length)..].Trim());
    }

    private static Func<JsonObject, bool> ParseField(string term)
    {
        var negate = term.Contains("!=");
        var op = negate ? "!=" : term.Contains("==") ? "==" : "=";
        if (!term.Contains(op))
            throw KubeStatus.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
        var (path, value) = Split(term, op);
        return obj => (FieldValue(obj, path) == value) != negate;
    }

    private static string FieldValue(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.')) node = node is JsonObject o ? o[part] : null;
        return node is JsonValue v ? v.ToString() : "";
    }
}
