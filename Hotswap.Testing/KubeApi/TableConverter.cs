using System.Globalization;
using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// The meta.k8s.io/v1 Table the server returns when kubectl asks for one (Accept: ...;as=Table):
/// a Name column, the resource's printer columns (a CRD's additionalPrinterColumns), dates shown
/// as ages the way the API server shows them ("5s", "3m20s", "2d").
/// </summary>
public static class TableConverter
{
    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> items, string? includeObject, DateTimeOffset now,
        bool withColumns = true, JsonObject? listMeta = null)
    {
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMeta?.DeepClone() ?? new JsonObject(),
        };
        if (withColumns) table["columnDefinitions"] = Columns(type);
        table["rows"] = new JsonArray(items.Select(i => (JsonNode)Row(type, i, includeObject, now)).ToArray());
        return table;
    }

    private static JsonArray Columns(ResourceType type)
    {
        var name = new JsonObject
        {
            ["name"] = "Name", ["type"] = "string", ["format"] = "name",
            ["description"] = "Name must be unique within a namespace.", ["priority"] = 0,
        };
        var others = type.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name, ["type"] = c.Type, ["format"] = c.Format, ["description"] = c.Description, ["priority"] = c.Priority,
        });
        return type.NameColumn ? new JsonArray([name, .. others]) : new JsonArray([.. others]);
    }

    private static JsonObject Row(ResourceType type, JsonObject obj, string? includeObject, DateTimeOffset now)
    {
        var cells = type.NameColumn ? new JsonArray(obj["metadata"]?["name"]?.DeepClone()) : new JsonArray();
        foreach (var c in type.Columns)
        {
            if (c.Compute is not null)
            {
                cells.Add(c.Compute(obj, now));
                continue;
            }
            var value = JsonPath.Evaluate(obj, c.JsonPath);
            cells.Add(c.Type == "date" ? Age(value, now) : Cell(value, c.Type));
        }
        var row = new JsonObject { ["cells"] = cells };
        switch (includeObject)
        {
            case "None": break;
            case "Object": row["object"] = obj.DeepClone(); break;
            default:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = obj["metadata"]?.DeepClone(),
                };
                break;
        }
        return row;
    }

    private static JsonNode? Cell(JsonNode? value, string type) => value switch
    {
        null => null,
        JsonValue v when type == "string" => v.ToString(),
        JsonObject or JsonArray when type == "string" => value.ToJsonString(),
        _ => value.DeepClone(),
    };

    internal static JsonNode Age(JsonNode? value, DateTimeOffset now) =>
        value is JsonValue v && DateTimeOffset.TryParse(v.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? HumanDuration(now - t)
            : "<unknown>";

    /// <summary>Kubernetes' duration.HumanDuration: 59s, 3m20s, 15m, 5h30m, 2d3h, 400d, 2y100d.</summary>
    public static string HumanDuration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 120) return $"{seconds}s";
        var minutes = (long)d.TotalMinutes;
        if (minutes < 10) return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        if (minutes < 180) return $"{minutes}m";
        var hours = (long)d.TotalHours;
        if (hours < 8) return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        if (hours < 48) return $"{hours}h";
        if (hours < 192) return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        if (hours < 24 * 365 * 2) return $"{hours / 24}d";
        if (hours < 24 * 365 * 8) return (hours / 24) % 365 == 0 ? $"{hours / 24 / 365}y" : $"{hours / 24 / 365}y{(hours / 24) % 365}d";
        return $"{hours / 24 / 365}y";
    }
}
