using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// A CRD's structural OpenAPI v3 schema applied the way the API server applies it on a write:
/// <see cref="Prune"/> drops (or <see cref="UnknownFields"/> reports) fields the schema does not
/// declare, <see cref="ApplyDefaults"/> fills <c>default</c>s, and <see cref="Validate"/> lists
/// every violation with its field path in the real API's wording, e.g.
/// <c>spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"</c>.
/// Covers type, properties, required, additionalProperties, items, enum, minimum/maximum
/// (exclusive too), min/maxLength, pattern, min/maxItems, nullable, allOf/anyOf/oneOf/not,
/// x-kubernetes-int-or-string, -preserve-unknown-fields, -embedded-resource, format date-time.
/// CEL rules (x-kubernetes-validations) and other string formats are not checked.
/// </summary>
public sealed partial class StructuralSchemaValidator(JsonObject schema)
{
    // Numbers are read through their JSON text, so a schema built in code (int, long) reads like a parsed one.
    public JsonObject Schema { get; } = (JsonObject)JsonNode.Parse(schema.ToJsonString())!;

    /// <summary>The validator of one served version of a CRD object (openAPIV3Schema).</summary>
    public static StructuralSchemaValidator ForCrd(JsonObject crd, string? version = null)
    {
        var versions = crd["spec"]!["versions"]!.AsArray().OfType<JsonObject>().ToList();
        var v = version is null
            ? versions.FirstOrDefault(x => x["storage"]?.GetValue<bool>() == true) ?? versions[0]
            : versions.First(x => x["name"]!.GetValue<string>() == version);
        return new((JsonObject)v["schema"]!["openAPIV3Schema"]!.DeepClone());
    }

    /// <summary>Every violation of the schema by <paramref name="obj"/> (a whole object; metadata, apiVersion and kind are the server's).</summary>
    public IReadOnlyList<FieldError> Validate(JsonNode? obj)
    {
        var errors = new List<FieldError>();
        Check(Schema, obj, "", errors, root: true);
        return errors;
    }

    /// <summary>Paths of fields the schema does not declare ("spec.foo"), as strict field validation reports them.</summary>
    public IReadOnlyList<string> UnknownFields(JsonNode? obj)
    {
        var found = new List<string>();
        Walk(Schema, obj, "", found, prune: false, root: true);
        return found;
    }

    /// <summary>Removes the fields the schema does not declare, as the server does without strict validation.</summary>
    public void Prune(JsonNode? obj) => Walk(Schema, obj, "", [], prune: true, root: true);

    /// <summary>Fills missing (and null, unless nullable) fields that have a default.</summary>
    public void ApplyDefaults(JsonNode? obj) => Default(Schema, obj);

    private static bool Flag(JsonObject s, string name) => s[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static string Join(string path, string field) => path == "" ? field : $"{path}.{field}";

    private static void Walk(JsonObject s, JsonNode? node, string path, List<string> found, bool prune, bool root)
    {
        if (node is JsonObject obj)
        {
            var props = s["properties"] as JsonObject;
            var additional = s["additionalProperties"];
            var preserve = Flag(s, "x-kubernetes-preserve-unknown-fields");
            var embedded = Flag(s, "x-kubernetes-embedded-resource");
            foreach (var (key, value) in obj.ToList())
            {
                if (root && key is "apiVersion" or "kind" or "metadata") continue;
                if (embedded && key is "apiVersion" or "kind" or "metadata") continue;
                if (props?[key] is JsonObject ps) Walk(ps, value, Join(path, key), found, prune, false);
                else if (additional is JsonObject addS) Walk(addS, value, Join(path, key), found, prune, false);
                else if (additional is JsonValue b && b.GetValueKind() == JsonValueKind.True) { }
                else if (preserve) { }
                else
                {
                    found.Add(Join(path, key));
                    if (prune) obj.Remove(key);
                }
            }
        }
        else if (node is JsonArray arr && s["items"] is JsonObject items)
        {
            for (var i = 0; i < arr.Count; i++) Walk(items, arr[i], $"{path}[{i}]", found, prune, false);
        }
    }

    private static void Default(JsonObject s, JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (s["properties"] is JsonObject props)
                foreach (var (key, ps) in props)
                {
                    if (ps is not JsonObject p) continue;
                    var missing = !obj.ContainsKey(key) || (obj[key] is null && !Flag(p, "nullable"));
                    if (missing && p["default"] is { } d) obj[key] = d.DeepClone();
                    if (obj[key] is { } child) Default(p, child);
                }
            if (s["additionalProperties"] is JsonObject add)
                foreach (var (_, value) in obj.ToList()) Default(add, value);
        }
        else if (node is JsonArray arr && s["items"] is JsonObject items)
        {
            foreach (var item in arr) Default(items, item);
        }
    }

    private static void Check(JsonObject s, JsonNode? node, string path, List<FieldError> errors, bool root = false)
    {
        CheckComposition(s, node, path, errors);
        if (node is null)
        {
            if (!Flag(s, "nullable") && s["type"] is JsonValue t)
                errors.Add(TypeError(path, t.GetValue<string>(), "null"));
            return;
        }
        if (!CheckType(s, node, path, errors)) return;
        CheckEnum(s, node, path, errors);
        switch (node)
        {
            case JsonObject obj: CheckObject(s, obj, path, errors, root); break;
            case JsonArray arr: CheckArray(s, arr, path, errors); break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String: CheckString(s, v.GetValue<string>(), path, errors); break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number: CheckNumber(s, v, path, errors); break;
        }
    }

    private static string TypeName(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "unknown",
    };

    private static bool IsInteger(JsonValue v) =>
        double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Floor(d) == d && !v.ToJsonString().Contains('.');

    private static FieldError TypeError(string path, string want, string got) =>
        new(path, "FieldValueTypeInvalid", $"Invalid value: \"{got}\": {path} in body must be of type {want}: \"{got}\"");

    private static bool CheckType(JsonObject s, JsonNode node, string path, List<FieldError> errors)
    {
        var got = TypeName(node);
        if (Flag(s, "x-kubernetes-int-or-string"))
        {
            if (got is "integer" or "string") return true;
            errors.Add(new(path, "FieldValueTypeInvalid", $"Invalid value: \"{got}\": {path} in body must be of type integer,string: \"{got}\""));
            return false;
        }
        if (s["type"] is not JsonValue tv) return true;
        var want = tv.GetValue<string>();
        var ok = want == got || (want == "number" && got == "integer");
        if (!ok) errors.Add(TypeError(path, want, got));
        return ok;
    }

    private static void CheckEnum(JsonObject s, JsonNode node, string path, List<FieldError> errors)
    {
        if (s["enum"] is not JsonArray allowed) return;
        if (allowed.Any(a => JsonNode.DeepEquals(a, node))) return;
        var supported = string.Join(", ", allowed.Select(a => a?.ToJsonString() ?? "null"));
        errors.Add(new(path, "FieldValueNotSupported", $"Unsupported value: {Show(node)}: supported values: {supported}"));
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "\"null\"",
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => node.ToJsonString(),
    };

    private static void CheckObject(JsonObject s, JsonObject obj, string path, List<FieldError> errors, bool root)
    {
        if (s["required"] is JsonArray required)
            foreach (var r in required.Select(x => x!.GetValue<string>()))
                if (!obj.ContainsKey(r))
                    errors.Add(new(Join(path, r), "FieldValueRequired", "Required value"));
        var props = s["properties"] as JsonObject;
        foreach (var (key, value) in obj)
        {
            if (root && key is "metadata" or "apiVersion" or "kind") continue;
            if (props?[key] is JsonObject ps) Check(ps, value, Join(path, key), errors);
            else if (s["additionalProperties"] is JsonObject add) Check(add, value, Join(path, key), errors);
        }
        if (s["maxProperties"] is JsonValue maxP && obj.Count > maxP.GetValue<int>())
            errors.Add(new(path, "FieldValueTooMany", $"Too many: {obj.Count}: must have at most {maxP.GetValue<int>()} items"));
        if (s["minProperties"] is JsonValue minP && obj.Count < minP.GetValue<int>())
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {obj.Count}: {path} in body should have at least {minP.GetValue<int>()} properties"));
    }

    private static void CheckArray(JsonObject s, JsonArray arr, string path, List<FieldError> errors)
    {
        if (s["maxItems"] is JsonValue max && arr.Count > max.GetValue<int>())
            errors.Add(new(path, "FieldValueTooMany", $"Too many: {arr.Count}: must have at most {max.GetValue<int>()} items"));
        if (s["minItems"] is JsonValue min && arr.Count < min.GetValue<int>())
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {arr.Count}: {path} in body should have at least {min.GetValue<int>()} items"));
        if (s["items"] is JsonObject items)
            for (var i = 0; i < arr.Count; i++) Check(items, arr[i], $"{path}[{i}]", errors);
        if (s["x-kubernetes-list-type"] is JsonValue lt && lt.GetValue<string>() == "set")
            for (var i = 0; i < arr.Count; i++)
                for (var j = 0; j < i; j++)
                    if (JsonNode.DeepEquals(arr[i], arr[j]))
                        errors.Add(new($"{path}[{i}]", "FieldValueDuplicate", $"Duplicate value: {Show(arr[i])}"));
    }

    private static void CheckString(JsonObject s, string value, string path, List<FieldError> errors)
    {
        var quoted = JsonValue.Create(value).ToJsonString();
        if (s["maxLength"] is JsonValue max && value.Length > max.GetValue<int>())
            errors.Add(new(path, "FieldValueTooLong", $"Too long: may not be more than {max.GetValue<int>()} bytes"));
        if (s["minLength"] is JsonValue min && value.Length < min.GetValue<int>())
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {quoted}: {path} in body should be at least {min.GetValue<int>()} chars long"));
        if (s["format"] is JsonValue f && f.GetValue<string>() == "date-time" && !DateTime().IsMatch(value))
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {quoted}: {path} in body must be of type date-time: {quoted}"));
        if (s["pattern"] is JsonValue p && !Regex.IsMatch(value, p.GetValue<string>()))
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {quoted}: {path} in body should match '{p.GetValue<string>()}'"));
    }

    private static void CheckNumber(JsonObject s, JsonValue v, string path, List<FieldError> errors)
    {
        var x = double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
        var shown = v.ToJsonString();
        if (s["minimum"] is JsonValue minV)
        {
            var min = minV.GetValue<double>();
            var exclusive = Flag(s, "exclusiveMinimum");
            if (exclusive ? x <= min : x < min)
                errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {shown}: {path} in body should be greater than {(exclusive ? "" : "or equal to ")}{minV.ToJsonString()}"));
        }
        if (s["maximum"] is JsonValue maxV)
        {
            var max = maxV.GetValue<double>();
            var exclusive = Flag(s, "exclusiveMaximum");
            if (exclusive ? x >= max : x > max)
                errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {shown}: {path} in body should be less than {(exclusive ? "" : "or equal to ")}{maxV.ToJsonString()}"));
        }
        if (s["multipleOf"] is JsonValue mult && x % mult.GetValue<double>() != 0)
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {shown}: {path} in body should be a multiple of {mult.ToJsonString()}"));
    }

    private static void CheckComposition(JsonObject s, JsonNode? node, string path, List<FieldError> errors)
    {
        if (s["allOf"] is JsonArray all)
            foreach (var sub in all.OfType<JsonObject>()) Check(sub, node, path, errors);
        if (s["anyOf"] is JsonArray any && !any.OfType<JsonObject>().Any(sub => Passes(sub, node)))
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {Show(node)}: {path} in body must validate at least one schema (anyOf)"));
        if (s["oneOf"] is JsonArray one && one.OfType<JsonObject>().Count(sub => Passes(sub, node)) != 1)
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {Show(node)}: {path} in body must validate one and only one schema (oneOf)"));
        if (s["not"] is JsonObject not && Passes(not, node))
            errors.Add(new(path, "FieldValueInvalid", $"Invalid value: {Show(node)}: {path} in body must not validate the schema (not)"));
    }

    /// <summary>The date-times the API accepts: RFC 3339 and its ISO 8601 relatives (seconds, fraction and zone optional).</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DateTime();

    private static bool Passes(JsonObject s, JsonNode? node)
    {
        var errors = new List<FieldError>();
        Check(s, node, "", errors);
        return errors.Count == 0;
    }
}
