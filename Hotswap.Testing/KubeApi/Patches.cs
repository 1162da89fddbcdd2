using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// The patch formats of the API: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and the
/// strategic merge patch of the built-in kinds (lists of objects merged by their merge key,
/// <c>$patch</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList</c>, <c>$setElementOrder</c>).
/// </summary>
public static class Patches
{
    /// <summary>RFC 7386: objects merge key by key, null deletes, anything else replaces.</summary>
    public static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null) result.Remove(key);
            else result[key] = MergePatch(result[key], value);
        }
        return result;
    }

    /// <summary>RFC 6902 operations in order; a failed "test" or a missing path is a 422 from the caller.</summary>
    public static JsonNode? JsonPatch(JsonNode? target, JsonArray ops)
    {
        var doc = target?.DeepClone();
        foreach (var op in ops.OfType<JsonObject>())
        {
            var kind = op["op"]?.GetValue<string>() ?? throw new InvalidOperationException("op is required");
            var path = op["path"]?.GetValue<string>() ?? throw new InvalidOperationException("path is required");
            switch (kind)
            {
                case "add": doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "remove": Remove(doc, path); break;
                case "replace": Remove(doc, path); doc = Add(doc, path, op["value"]?.DeepClone()); break;
                case "move":
                {
                    var from = op["from"]!.GetValue<string>();
                    var value = Get(doc, from)?.DeepClone();
                    Remove(doc, from);
                    doc = Add(doc, path, value);
                    break;
                }
                case "copy": doc = Add(doc, path, Get(doc, op["from"]!.GetValue<string>())?.DeepClone()); break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), op["value"]))
                        throw new InvalidOperationException($"testing value {path} failed");
                    break;
                default: throw new InvalidOperationException($"unexpected op {kind}");
            }
        }
        return doc;
    }

    private static string[] Pointer(string path) =>
        path == "" ? [] : path.TrimStart('/').Split('/').Select(p => p.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Get(JsonNode? doc, string path)
    {
        var node = doc;
        foreach (var part in Pointer(path))
            node = node switch
            {
                JsonObject o when o.ContainsKey(part) => o[part],
                JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw new InvalidOperationException($"path {path} does not exist"),
            };
        return node;
    }

    private static (JsonNode? Parent, string Last) Parent(JsonNode? doc, string path)
    {
        var parts = Pointer(path);
        if (parts.Length == 0) return (null, "");
        var parentPath = "/" + string.Join('/', parts[..^1].Select(p => p.Replace("~", "~0").Replace("/", "~1")));
        return (parts.Length == 1 ? doc : Get(doc, parentPath), parts[^1]);
    }

    private static JsonNode? Add(JsonNode? doc, string path, JsonNode? value)
    {
        if (path == "") return value;
        var (parent, last) = Parent(doc, path);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count: a.Insert(i, value); break;
            default: throw new InvalidOperationException($"path {path} does not exist");
        }
        return doc;
    }

    private static void Remove(JsonNode? doc, string path)
    {
        var (parent, last) = Parent(doc, path);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): o.Remove(last); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count: a.RemoveAt(i); break;
            default: throw new InvalidOperationException($"path {path} does not exist");
        }
    }

    /// <summary>
    /// The merge keys of the built-in kinds' lists (patchMergeKey in the Kubernetes types):
    /// a list whose field is named here merges element by element; other object lists are replaced;
    /// lists of scalars named in <see cref="MergedScalarLists"/> are unions.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> MergeKeys = new Dictionary<string, string>
    {
        ["containers"] = "name", ["initContainers"] = "name", ["ephemeralContainers"] = "name",
        ["volumes"] = "name", ["env"] = "name", ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath", ["ports"] = "containerPort", ["imagePullSecrets"] = "name",
        ["ownerReferences"] = "uid", ["conditions"] = "type", ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey", ["secrets"] = "name",
    };

    public static readonly IReadOnlySet<string> MergedScalarLists = new HashSet<string> { "finalizers" };

    /// <summary>A strategic merge patch with the built-in kinds' merge keys.</summary>
    public static JsonNode? StrategicMerge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        if (p["$patch"]?.GetValue<string>() == "replace")
        {
            var replaced = (JsonObject)p.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }
        if (p["$patch"]?.GetValue<string>() == "delete") return null;
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        if (p["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k!.GetValue<string>()).ToHashSet();
            foreach (var key in result.Select(kv => kv.Key).ToList())
                if (!keep.Contains(key)) result.Remove(key);
        }
        foreach (var (key, value) in p)
        {
            if (key.StartsWith("$setElementOrder/") || key is "$retainKeys" or "$patch") continue;
            if (key.StartsWith("$deleteFromPrimitiveList/"))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray items && value is JsonArray gone)
                    foreach (var g in gone)
                        foreach (var item in items.Where(i => JsonNode.DeepEquals(i, g)).ToList())
                            items.Remove(item);
                continue;
            }
            if (value is null) { result.Remove(key); continue; }
            result[key] = value switch
            {
                JsonArray list when MergeKeys.TryGetValue(key, out var mk) && result[key] is JsonArray old => MergeList(old, list, mk),
                JsonArray list when MergedScalarLists.Contains(key) && result[key] is JsonArray old => Union(old, list),
                JsonObject => StrategicMerge(result[key], value),
                _ => value.DeepClone(),
            };
        }
        return result;
    }

    private static JsonArray MergeList(JsonArray old, JsonArray patch, string key)
    {
        var result = (JsonArray)old.DeepClone();
        foreach (var element in patch.OfType<JsonObject>())
        {
            var id = element[key];
            var existing = result.OfType<JsonObject>().FirstOrDefault(e => JsonNode.DeepEquals(e[key], id));
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (existing is not null) result.Remove(existing);
                continue;
            }
            if (existing is null) result.Add(StrategicMerge(null, element));
            else result[result.IndexOf(existing)] = StrategicMerge(existing, element);
        }
        return result;
    }

    private static JsonArray Union(JsonArray old, JsonArray patch)
    {
        var result = (JsonArray)old.DeepClone();
        foreach (var item in patch)
            if (!result.Any(r => JsonNode.DeepEquals(r, item))) result.Add(item?.DeepClone());
        return result;
    }
}
