using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>.a[0].b</c>, <c>.a[-1:].b</c>, <c>.a[*].b</c> and
/// <c>.a[?(@.type=="Ready")].status</c>, with or without the surrounding <c>{}</c>.
/// Several matches are joined with commas, as the API server prints them.
/// </summary>
public static class JsonPath
{
    public static JsonNode? Evaluate(JsonNode? root, string path)
    {
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}')) p = p[1..^1];
        if (p.StartsWith('$')) p = p[1..];
        var current = new List<JsonNode?> { root };
        foreach (var step in Steps(p))
            current = current.SelectMany(n => Step(n, step)).ToList();
        var found = current.Where(n => n is not null).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0]!.DeepClone(),
            _ => string.Join(",", found.Select(f => f is JsonValue v ? v.ToString() : f!.ToJsonString())),
        };
    }

    private static IEnumerable<string> Steps(string path)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.') { i++; continue; }
            if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                yield return path[i..(end + 1)];
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < path.Length && path[i] != '.' && path[i] != '[') i++;
            yield return path[start..i];
        }
    }

    private static IEnumerable<JsonNode?> Step(JsonNode? node, string step)
    {
        if (!step.StartsWith('['))
            return node is JsonObject o && o.ContainsKey(step) ? [o[step]] : [];
        if (node is not JsonArray a) return [];
        var inner = step[1..^1];
        if (inner == "*") return a;
        if (inner.Contains(':'))
        {
            var parts = inner.Split(':');
            int Bound(string text, int otherwise) =>
                int.TryParse(text, out var n) ? Math.Clamp(n < 0 ? a.Count + n : n, 0, a.Count) : otherwise;
            var from = Bound(parts[0], 0);
            var to = Bound(parts[1], a.Count);
            return from < to ? a.Skip(from).Take(to - from) : [];
        }
        if (int.TryParse(inner, out var index))
            return index >= 0 && index < a.Count ? [a[index]] : index < 0 && -index <= a.Count ? [a[a.Count + index]] : [];
        if (inner.StartsWith("?(@.") && inner.EndsWith(')'))
        {
            var cond = inner[4..^1];
            var eq = cond.IndexOf("==", StringComparison.Ordinal);
            if (eq < 0) return [];
            var field = cond[..eq].Trim();
            var want = cond[(eq + 2)..].Trim().Trim('"', '\'');
            return a.Where(e => e is JsonObject eo && eo[field] is JsonValue v && v.ToString() == want);
        }
        return [];
    }
}
