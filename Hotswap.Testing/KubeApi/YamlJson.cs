using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// Kubernetes manifests (YAML or JSON, one or many documents) as JSON nodes, with YAML 1.1's
/// plain scalars read the way kubectl reads them (true, 3, 1.5, null) and quoted ones as strings.
/// </summary>
public static class YamlJson
{
    /// <summary>Every non-empty document of <paramref name="text"/>.</summary>
    public static IReadOnlyList<JsonNode> ReadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents
            .Select(d => Convert(d.RootNode))
            .OfType<JsonNode>()
            .ToList();
    }

    /// <summary>The only document of <paramref name="text"/> (null when empty).</summary>
    public static JsonNode? Read(string text) => ReadAll(text).FirstOrDefault();

    /// <summary>Every object in the YAML files under <paramref name="path"/> (a file or a folder), Lists flattened.</summary>
    public static IReadOnlyList<JsonObject> ReadPath(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml") || f.EndsWith(".yml") || f.EndsWith(".json"))
                .Order(StringComparer.Ordinal)
            : new[] { path }.AsEnumerable();
        return files
            .SelectMany(f => ReadAll(File.ReadAllText(f)))
            .OfType<JsonObject>()
            .SelectMany(o => o["kind"]?.GetValue<string>() == "List" && o["items"] is JsonArray items
                ? items.OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone())
                : [o])
            .ToList();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMap(map),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static JsonObject ConvertMap(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
            obj[((YamlScalarNode)key).Value ?? ""] = Convert(value);
        return obj;
    }

    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted
            or ScalarStyle.Literal or ScalarStyle.Folded)
            return JsonValue.Create(text);
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific && scalar.Tag.Value == "tag:yaml.org,2002:str") return JsonValue.Create(text);
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "true" or "True" or "TRUE": return JsonValue.Create(true);
            case "false" or "False" or "FALSE": return JsonValue.Create(false);
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonNode.Parse(l.ToString(CultureInfo.InvariantCulture));
        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonNode.Parse(d.ToString("R", CultureInfo.InvariantCulture));
        return JsonValue.Create(text);
    }

    private static bool LooksLikeFloat(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.')
        && text.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+');
}
