using System.Text.Json.Nodes;

namespace Hotswap.Effects.Kubernetes;

/// <summary>Small helpers for the dynamic objects the generic APIs return.</summary>
internal static class Json
{
    /// <summary>Core's document JSON without its nulls: an absent optional field is left out, as a structural schema wants.</summary>
    public static JsonNode Document(string json) => WithoutNulls(JsonNode.Parse(json)!)!;

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) o.Remove(key);
                foreach (var kv in o.ToList()) WithoutNulls(kv.Value);
                return o;
            case JsonArray a:
                foreach (var item in a) WithoutNulls(item);
                return a;
            default:
                return node;
        }
    }

    public static string Text(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(key, out node)) return null;
        }
        return node;
    }

    public static Map<string, string> Strings(JsonNode? node) =>
        node is JsonObject o
            ? toMap(o.Where(kv => kv.Value is JsonValue).Select(kv => (kv.Key, kv.Value!.GetValue<object>()?.ToString() ?? "")))
            : Map<string, string>();

    public static JsonObject Labels(Map<string, string> labels)
    {
        var o = new JsonObject();
        foreach (var (k, v) in labels) o[k] = v;
        return o;
    }

    public static string Selector(Map<string, string> labels) =>
        string.Join(",", labels.AsEnumerable().Select(kv => $"{kv.Key}={kv.Value}"));
}
