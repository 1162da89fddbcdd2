using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// The API server's state: objects by resource, namespace and name; one global resourceVersion
/// counter; a bounded history of changes for watches; and the server-side behaviour of writes
/// (uid, timestamps, generation, status subresource, schema admission for CRDs, finalizers,
/// deletionTimestamp, garbage collection through ownerReferences, namespace deletion, CRDs
/// registering their resources). One lock: it is a test server.
/// </summary>
public sealed partial class KubeStore(ResourceCatalog catalog, int historyLimit = 1000, Func<DateTimeOffset>? clock = null)
{
    private readonly object gate = new();
    private readonly SortedDictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly LinkedList<WatchEvent> history = new();
    private readonly List<Watcher> watchers = [];
    private readonly Dictionary<string, JsonObject> lastApplied = [];
    private readonly Func<DateTimeOffset> now = clock ?? (() => DateTimeOffset.UtcNow);
    private long resourceVersion = 1;
    private long compactedThrough;

    public ResourceCatalog Catalog { get; } = catalog;

    /// <summary>The latest resourceVersion handed out.</summary>
    public long CurrentResourceVersion { get { lock (gate) return resourceVersion; } }

    private static string Key(ResourceType type, string? ns, string name) => $"{type.StorageKey}|{(type.Namespaced ? ns : "")}|{name}";

    private static string Prefix(ResourceType type, string? ns) => ns is null || !type.Namespaced ? $"{type.StorageKey}|" : $"{type.StorageKey}|{ns}|";

    private string Timestamp() => now().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Meta(JsonObject obj) =>
        obj["metadata"] as JsonObject ?? (JsonObject)(obj["metadata"] = new JsonObject());

    private static string? Str(JsonNode? n) => n is JsonValue v ? v.ToString() : null;

    private static JsonObject Shown(ResourceType type, JsonObject obj) => Present(type, obj);

    /// <summary>A stored object as <paramref name="type"/>'s version shows it.</summary>
    public static JsonObject Present(ResourceType type, JsonObject obj)
    {
        var copy = EventShapes.IsEventsV1(type) ? EventShapes.FromCore(obj) : (JsonObject)obj.DeepClone();
        copy["apiVersion"] = type.ApiVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    // ---- reads ----

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        lock (gate)
            return objects.TryGetValue(Key(type, ns, name), out var obj) ? Shown(type, obj) : throw KubeStatus.NotFound(type, name);
    }

    public JsonObject? Find(ResourceType type, string? ns, string name)
    {
        lock (gate) return objects.TryGetValue(Key(type, ns, name), out var obj) ? Shown(type, obj) : null;
    }

    /// <summary>A page of matching objects sorted by namespace and name, the list's resourceVersion, the continue token and how many remain.</summary>
    public (List<JsonObject> Items, long ResourceVersion, string? Continue, long? Remaining) List(
        ResourceType type, string? ns, Func<JsonObject, bool> filter, int limit = 0, string? continueToken = null)
    {
        lock (gate)
        {
            var after = "";
            if (!string.IsNullOrEmpty(continueToken))
            {
                var (tokenRv, key) = DecodeContinue(continueToken);
                if (tokenRv < compactedThrough)
                    throw KubeStatus.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                after = key;
            }
            var prefix = Prefix(type, ns);
            var matching = objects
                .Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(kv.Key, after) > 0)
                .Select(kv => (kv.Key, Obj: Shown(type, kv.Value)))
                .Where(x => filter(x.Obj))
                .ToList();
            if (limit <= 0 || matching.Count <= limit)
                return ([.. matching.Select(m => m.Obj)], resourceVersion, null, null);
            var page = matching.Take(limit).ToList();
            return ([.. page.Select(m => m.Obj)], resourceVersion, EncodeContinue(resourceVersion, page[^1].Key), matching.Count - limit);
        }
    }

    private static string EncodeContinue(long rv, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = rv, ["start"] = key }.ToJsonString()));

    private static (long, string) DecodeContinue(string token)
    {
        try
        {
            var o = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!;
            return (o["rv"]!.GetValue<long>(), o["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or NullReferenceException or InvalidOperationException)
        {
            throw KubeStatus.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    // ---- writes ----

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, bool strict = false, bool dryRun = false)
    {
        lock (gate)
        {
            var obj = (JsonObject)body.DeepClone();
            CheckKind(type, obj);
            if (EventShapes.IsEventsV1(type)) obj = EventShapes.ToCore(obj);
            var meta = Meta(obj);
            if (Str(meta["name"]) is not { Length: > 0 } && Str(meta["generateName"]) is { Length: > 0 } gen)
                meta["name"] = gen + RandomSuffix();
            var name = Str(meta["name"]) ?? "";
            ns = CheckNamespace(type, ns, meta);
            if (type.HasStatus && type.Kind != "Namespace") obj.Remove("status");
            foreach (var f in new[] { "uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "managedFields", "selfLink" })
                meta.Remove(f);
            Decode(type, obj);
            Admit(type, obj, null, strict);
            if (objects.ContainsKey(Key(type, ns, name))) throw KubeStatus.AlreadyExists(type, name);
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = Timestamp();
            if (type.TracksGeneration) meta["generation"] = 1;
            Initialise(type, obj);
            if (dryRun) return Shown(type, obj);
            Commit(type, ns, name, obj, "ADDED", null);
            return Shown(type, obj);
        }
    }

    private static string RandomSuffix() =>
        new(Enumerable.Range(0, 5).Select(_ => "bcdfghjklmnpqrstvwxz2456789"[Random.Shared.Next(27)]).ToArray());

    /// <summary>Replaces an object (PUT), or only its status when <paramref name="subresource"/> is "status".</summary>
    public JsonObject Update(ResourceType type, string? ns, string name, JsonObject body, string? subresource = null, bool strict = false, bool dryRun = false)
    {
        lock (gate) return UpdateLocked(type, ns, name, body, subresource, strict, dryRun, requireVersion: type.IsCustom);
    }

    private JsonObject UpdateLocked(ResourceType type, string? ns, string name, JsonObject body, string? subresource, bool strict, bool dryRun, bool requireVersion)
    {
        if (!objects.TryGetValue(Key(type, ns, name), out var existing)) throw KubeStatus.NotFound(type, name);
        var obj = (JsonObject)body.DeepClone();
        CheckKind(type, obj);
        if (EventShapes.IsEventsV1(type)) obj = EventShapes.ToCore(obj);
        var meta = Meta(obj);
        var bodyName = Str(meta["name"]);
        if (bodyName is not null && bodyName != name)
            throw KubeStatus.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        if (type.Namespaced && Str(meta["namespace"]) is { Length: > 0 } bodyNs && bodyNs != ns)
            throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        var oldMeta = Meta(existing);
        var wantRv = Str(meta["resourceVersion"]);
        if (string.IsNullOrEmpty(wantRv) && requireVersion)
            throw KubeStatus.Invalid(type, name, [new("metadata.resourceVersion", "FieldValueInvalid", "Invalid value: 0x0: must be specified for an update")]);
        if (!string.IsNullOrEmpty(wantRv) && wantRv != Str(oldMeta["resourceVersion"]))
            throw KubeStatus.Conflict(type, name);

        JsonObject updated;
        if (subresource == "status")
        {
            updated = (JsonObject)existing.DeepClone();
            if (obj["status"] is { } status) updated["status"] = status.DeepClone();
            else updated.Remove("status");
        }
        else
        {
            updated = obj;
            if (type.HasStatus)
            {
                updated.Remove("status");
                if (existing["status"] is { } old) updated["status"] = old.DeepClone();
            }
            var newMeta = Meta(updated);
            foreach (var f in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "name" })
            {
                newMeta.Remove(f);
                if (oldMeta[f] is { } v) newMeta[f] = v.DeepClone();
            }
            newMeta.Remove("managedFields");
            if (oldMeta["deletionTimestamp"] is not null)
            {
                var before = Finalizers(existing);
                var added = Finalizers(updated).Where(f => !before.Contains(f)).ToList();
                if (added.Count > 0)
                    throw KubeStatus.Invalid(type, name, [new("metadata.finalizers", "FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}")]);
            }
        }
        Meta(updated)["resourceVersion"] = oldMeta["resourceVersion"]?.DeepClone();
        Decode(type, updated);
        Admit(type, updated, existing, strict);
        Initialise(type, updated);
        if (type.TracksGeneration && !JsonNode.DeepEquals(Content(existing), Content(updated)))
            Meta(updated)["generation"] = long.Parse(oldMeta["generation"]?.ToString() ?? "0", CultureInfo.InvariantCulture) + 1;
        if (JsonNode.DeepEquals(existing, updated) || dryRun) return Shown(type, updated);
        Commit(type, ns, name, updated, "MODIFIED", existing);
        Settle();
        return Shown(type, updated);
    }

    /// <summary>What metadata.generation counts: everything but metadata and status.</summary>
    private static JsonObject Content(JsonObject obj)
    {
        var c = (JsonObject)obj.DeepClone();
        c.Remove("metadata");
        c.Remove("status");
        c.Remove("apiVersion");
        c.Remove("kind");
        return c;
    }

    private static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray a ? a.Select(f => Str(f) ?? "").ToList() : [];

    /// <summary>
    /// Patches an object (or its status). Server-side apply creates a missing object and
    /// remembers each field manager's last applied configuration, so fields a manager stops
    /// applying are removed; conflicts between managers are not detected (every apply forces).
    /// </summary>
    public (JsonObject Object, bool Created) Patch(ResourceType type, string? ns, string name, string contentType, string body,
        string? subresource = null, string fieldManager = "", bool strict = false, bool dryRun = false)
    {
        lock (gate)
        {
            var isApply = contentType.StartsWith("application/apply-patch", StringComparison.Ordinal);
            objects.TryGetValue(Key(type, ns, name), out var existing);
            if (existing is null && !isApply) throw KubeStatus.NotFound(type, name);
            JsonNode? patch;
            try
            {
                patch = isApply && !body.TrimStart().StartsWith('{') ? YamlJson.Read(body) : JsonNode.Parse(body);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or YamlDotNet.Core.YamlException)
            {
                throw KubeStatus.BadRequest($"error decoding patch: {e.Message}");
            }
            if (isApply)
                return ServerSideApply(type, ns, name, existing, patch as JsonObject ?? throw KubeStatus.BadRequest("apply patch must be an object"), subresource, fieldManager, strict, dryRun);
            var current = Shown(type, existing!);
            JsonNode? patched;
            try
            {
                patched = contentType switch
                {
                    var c when c.StartsWith("application/merge-patch+json", StringComparison.Ordinal) => Patches.MergePatch(current, patch),
                    var c when c.StartsWith("application/json-patch+json", StringComparison.Ordinal) =>
                        Patches.JsonPatch(current, patch as JsonArray ?? throw KubeStatus.BadRequest("json patch must be an array")),
                    var c when c.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal) && !type.IsCustom =>
                        Patches.StrategicMerge(current, patch),
                    _ => throw KubeStatus.UnsupportedMediaType(contentType),
                };
            }
            catch (InvalidOperationException e)
            {
                throw KubeStatus.Invalid(type, name, [new("", "FieldValueInvalid", e.Message)]);
            }
            if (patched is not JsonObject result) throw KubeStatus.BadRequest("the patch does not leave an object");
            if (Str(result["metadata"]?["resourceVersion"]) is not { Length: > 0 })
                Meta(result)["resourceVersion"] = existing!["metadata"]!["resourceVersion"]!.DeepClone();
            return (UpdateLocked(type, ns, name, result, subresource, strict, dryRun, requireVersion: false), false);
        }
    }

    private (JsonObject, bool) ServerSideApply(ResourceType type, string? ns, string name, JsonObject? existing, JsonObject applied,
        string? subresource, string manager, bool strict, bool dryRun)
    {
        if (string.IsNullOrEmpty(manager))
            throw KubeStatus.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        var appliedName = Str(applied["metadata"]?["name"]);
        if (appliedName is not null && appliedName != name)
            throw KubeStatus.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        var memoryKey = $"{Key(type, ns, name)}|{subresource}|{manager}";
        if (existing is null)
        {
            var fresh = (JsonObject)applied.DeepClone();
            Meta(fresh)["name"] = name;
            var created = Create(type, ns, fresh, strict, dryRun);
            if (!dryRun) lastApplied[memoryKey] = (JsonObject)applied.DeepClone();
            if (subresource != "status" && type.HasStatus && applied["status"] is not null && !dryRun)
                created = UpdateLocked(type, ns, name, Merge(type, created, applied), "status", strict, dryRun, false);
            return (created, true);
        }
        var current = Shown(type, existing);
        if (lastApplied.TryGetValue(memoryKey, out var previous))
            current = (JsonObject)ForgetDropped(current, previous, applied)!;
        var merged = Merge(type, current, applied);
        Meta(merged)["resourceVersion"] = existing["metadata"]!["resourceVersion"]!.DeepClone();
        var result = UpdateLocked(type, ns, name, merged, subresource, strict, dryRun, false);
        if (!dryRun) lastApplied[memoryKey] = (JsonObject)applied.DeepClone();
        return (result, false);
    }

    /// <summary>Fields the manager applied before but not now are removed (the manager owned them).</summary>
    private static JsonNode? ForgetDropped(JsonNode? current, JsonNode? previous, JsonNode? now)
    {
        if (current is not JsonObject c || previous is not JsonObject p) return current;
        var result = (JsonObject)c.DeepClone();
        foreach (var (key, old) in p)
        {
            if (key is "apiVersion" or "kind" || (key is "name" or "namespace")) continue;
            var fresh = (now as JsonObject)?[key];
            if (fresh is null && !(now as JsonObject)?.ContainsKey(key) == true) result.Remove(key);
            else if (old is JsonObject && fresh is JsonObject) result[key] = ForgetDropped(result[key], old, fresh);
        }
        return result;
    }

    /// <summary>Apply's merge: maps merge, lists with x-kubernetes-list-map-keys merge by key, other lists are replaced.</summary>
    private static JsonObject Merge(ResourceType type, JsonObject current, JsonObject applied) =>
        (JsonObject)ApplyMerge(type.Schema, current, applied)!;

    private static JsonNode? ApplyMerge(JsonObject? schema, JsonNode? current, JsonNode? applied)
    {
        if (applied is JsonObject a)
        {
            var result = current is JsonObject c ? (JsonObject)c.DeepClone() : new JsonObject();
            foreach (var (key, value) in a)
            {
                var sub = schema?["properties"]?[key] as JsonObject ?? schema?["additionalProperties"] as JsonObject;
                result[key] = ApplyMerge(sub, result[key], value);
            }
            return result;
        }
        if (applied is JsonArray list && current is JsonArray old
            && schema?["x-kubernetes-list-type"] is JsonValue lt)
        {
            var items = schema["items"] as JsonObject;
            if (lt.ToString() == "map" && schema["x-kubernetes-list-map-keys"] is JsonArray keys)
            {
                var names = keys.Select(k => k!.ToString()).ToList();
                var result = (JsonArray)old.DeepClone();
                foreach (var element in list.OfType<JsonObject>())
                {
                    var match = result.OfType<JsonObject>().FirstOrDefault(e => names.All(n => JsonNode.DeepEquals(e[n], element[n])));
                    if (match is null) result.Add(element.DeepClone());
                    else result[result.IndexOf(match)] = ApplyMerge(items, match, element);
                }
                return result;
            }
            if (lt.ToString() == "set")
            {
                var result = (JsonArray)old.DeepClone();
                foreach (var item in list)
                    if (!result.Any(r => JsonNode.DeepEquals(r, item))) result.Add(item?.DeepClone());
                return result;
            }
        }
        return applied?.DeepClone();
    }

    public (JsonObject Object, bool Deleted) Delete(ResourceType type, string? ns, string name, DeleteOptions options)
    {
        lock (gate)
        {
            if (!objects.TryGetValue(Key(type, ns, name), out var existing)) throw KubeStatus.NotFound(type, name);
            var meta = Meta(existing);
            if (options.PreconditionUid is { Length: > 0 } uid && uid != Str(meta["uid"]))
                throw new KubeStatus(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {Str(meta["uid"])}");
            if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != Str(meta["resourceVersion"]))
                throw new KubeStatus(409, "Conflict", $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Str(meta["resourceVersion"])}");
            if (options.DryRun) return (Shown(type, existing), false);
            var policy = options.PropagationPolicy ?? (type.Group == "batch" && type.Kind == "Job" ? "Orphan" : "Background");
            var uidOf = Str(meta["uid"])!;
            if (policy == "Orphan") OrphanDependents(uidOf);
            var finalizers = Finalizers(existing);
            if (policy == "Foreground" && Dependents(uidOf).Any() && !finalizers.Contains("foregroundDeletion"))
                finalizers.Add("foregroundDeletion");
            if (finalizers.Count == 0 && type.Kind != "Namespace")
            {
                Remove(type, ns, name, existing);
                Settle();
                return (Shown(type, existing), true);
            }
            var marked = (JsonObject)existing.DeepClone();
            var markedMeta = Meta(marked);
            markedMeta["deletionTimestamp"] ??= Timestamp();
            markedMeta["deletionGracePeriodSeconds"] ??= 0;
            if (finalizers.Count > 0) markedMeta["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode)JsonValue.Create(f)).ToArray());
            if (type.Kind == "Namespace") marked["status"] = new JsonObject { ["phase"] = "Terminating" };
            if (!JsonNode.DeepEquals(marked, existing)) Commit(type, ns, name, marked, "MODIFIED", existing);
            if (policy == "Foreground") DeleteDependents(uidOf);
            if (type.Kind == "Namespace") DeleteNamespaceContent(name);
            Settle();
            var gone = !objects.ContainsKey(Key(type, ns, name));
            return (Shown(type, gone ? marked : objects[Key(type, ns, name)]), gone);
        }
    }

    // ---- internals ----

    private void CheckKind(ResourceType type, JsonObject obj)
    {
        var kind = Str(obj["kind"]);
        var apiVersion = Str(obj["apiVersion"]);
        if ((kind is not null && kind != type.Kind) || (apiVersion is not null && apiVersion != type.ApiVersion && !(type.Group != "" && apiVersion.StartsWith(type.Group + "/", StringComparison.Ordinal))))
            throw KubeStatus.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        obj["kind"] = type.Kind;
        obj["apiVersion"] = type.ApiVersion;
    }

    private string? CheckNamespace(ResourceType type, string? ns, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return null;
        }
        var bodyNs = Str(meta["namespace"]);
        if (ns is null) ns = bodyNs;
        else if (bodyNs is { Length: > 0 } && bodyNs != ns)
            throw KubeStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (string.IsNullOrEmpty(ns)) throw KubeStatus.BadRequest("a namespaced object needs a namespace");
        meta["namespace"] = ns;
        var nsType = Catalog.Find("", "v1", "namespaces")!;
        if (!objects.TryGetValue(Key(nsType, null, ns), out var namespaceObj)) throw KubeStatus.NamespaceNotFound(ns);
        if (namespaceObj["metadata"]?["deletionTimestamp"] is not null)
            throw new KubeStatus(403, "Forbidden", $"{type.GroupResource} \"{Str(meta["name"])}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated");
        return ns;
    }

    /// <summary>
    /// What decoding into the built-in Go types does: string maps must hold strings, a Secret's
    /// data must be base64, and its stringData is folded into data.
    /// </summary>
    private static void Decode(ResourceType type, JsonObject obj)
    {
        if (type.Group != "" || type.Kind is not ("Secret" or "ConfigMap")) return;
        foreach (var field in new[] { "data", "stringData", "binaryData" })
            if (obj[field] is JsonObject map)
                foreach (var (key, value) in map)
                    if (value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String)
                        throw KubeStatus.BadRequest($"{type.Kind} in version \"v1\" cannot be handled as a {type.Kind}: json: cannot unmarshal {(value is null ? "null" : value.GetValueKind().ToString().ToLowerInvariant())} into Go struct field {type.Kind}.{field} of type string");
        if (type.Kind != "Secret") return;
        if (obj["data"] is JsonObject data)
            foreach (var (key, value) in data)
                try { Convert.FromBase64String(value!.ToString()); }
                catch (FormatException) { throw KubeStatus.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data.{key}"); }
        if (obj["stringData"] is JsonObject stringData)
        {
            var target = obj["data"] as JsonObject ?? (JsonObject)(obj["data"] = new JsonObject());
            foreach (var (key, value) in stringData)
                target[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value!.ToString()));
            obj.Remove("stringData");
        }
        if (Str(obj["type"]) is not { Length: > 0 }) obj["type"] = "Opaque";
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex LabelValue();

    /// <summary>A label or annotation key: an optional DNS subdomain prefix and a name of at most 63 characters.</summary>
    private static IEnumerable<FieldError> QualifiedNameErrors(string field, string key)
    {
        var slash = key.LastIndexOf('/');
        var prefix = slash < 0 ? null : key[..slash];
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (prefix is not null && (prefix.Length == 0 || prefix.Length > 253 || !Subdomain().IsMatch(prefix)))
            yield return new(field, "FieldValueInvalid", $"Invalid value: \"{key}\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        if (name.Length == 0)
            yield return new(field, "FieldValueInvalid", $"Invalid value: \"{key}\": name part must be non-empty");
        else if (name.Length > 63)
            yield return new(field, "FieldValueInvalid", $"Invalid value: \"{key}\": name part must be no more than 63 characters");
        else if (!LabelValue().IsMatch(name))
            yield return new(field, "FieldValueInvalid", $"Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    /// <summary>What the API checks on every write: the name, the annotations' size, and for CRDs their schema (pruned, defaulted, validated).</summary>
    private void Admit(ResourceType type, JsonObject obj, JsonObject? existing, bool strict)
    {
        var meta = Meta(obj);
        var name = Str(meta["name"]) ?? "";
        var errors = new List<FieldError>();
        if (name == "")
            errors.Add(new("metadata.name", "FieldValueRequired", "Required value: name or generateName is required"));
        else if (name.Length > 253 || !Subdomain().IsMatch(name))
            errors.Add(new("metadata.name", "FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        if (type.Kind == "Namespace" && name.Length > 0 && (name.Length > 63 || name.Contains('.')))
            errors.Add(new("metadata.name", "FieldValueInvalid",
                $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        if (meta["labels"] is JsonObject labels)
            foreach (var (key, value) in labels)
            {
                errors.AddRange(QualifiedNameErrors("metadata.labels", key));
                var v = Str(value) ?? "";
                if (v.Length > 63)
                    errors.Add(new("metadata.labels", "FieldValueInvalid", $"Invalid value: \"{v}\": must be no more than 63 characters"));
                if (v.Length > 0 && !LabelValue().IsMatch(v))
                    errors.Add(new("metadata.labels", "FieldValueInvalid",
                        $"Invalid value: \"{v}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
            }
        if (meta["annotations"] is JsonObject annotations)
        {
            foreach (var (key, _) in annotations) errors.AddRange(QualifiedNameErrors("metadata.annotations", key));
            var size = annotations.Sum(kv => Encoding.UTF8.GetByteCount(kv.Key) + Encoding.UTF8.GetByteCount(Str(kv.Value) ?? ""));
            if (size > 262144)
                errors.Add(new("metadata.annotations", "FieldValueTooLong", "Too long: must have at most 262144 bytes"));
        }
        if (type.IsCustom && type.Schema is { } schema)
        {
            var validator = new StructuralSchemaValidator(schema);
            var unknown = validator.UnknownFields(obj);
            if (strict && unknown.Count > 0)
                throw KubeStatus.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""))}");
            validator.Prune(obj);
            validator.ApplyDefaults(obj);
            errors.AddRange(validator.Validate(obj));
        }
        if (type.Kind == "CustomResourceDefinition") errors.AddRange(CrdErrors(obj));
        if (errors.Count > 0) throw KubeStatus.Invalid(type, name, errors);
        _ = existing;
    }

    private static IEnumerable<FieldError> CrdErrors(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var group = Str(spec?["group"]) ?? "";
        var plural = Str(spec?["names"]?["plural"]) ?? "";
        if (group == "") yield return new("spec.group", "FieldValueRequired", "Required value");
        if (plural == "") yield return new("spec.names.plural", "FieldValueRequired", "Required value");
        if (Str(spec?["names"]?["kind"]) is not { Length: > 0 }) yield return new("spec.names.kind", "FieldValueRequired", "Required value");
        var name = Str(crd["metadata"]?["name"]);
        if (name != $"{plural}.{group}")
            yield return new("metadata.name", "FieldValueInvalid", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group");
        if (spec?["versions"] is not JsonArray { Count: > 0 })
            yield return new("spec.versions", "FieldValueInvalid", "Invalid value: null: must have exactly one version marked as storage version");
    }

    /// <summary>What the server fills in: a Namespace's phase, a CRD's accepted names and conditions.</summary>
    private void Initialise(ResourceType type, JsonObject obj)
    {
        if (type.Kind == "Namespace" && obj["metadata"]?["deletionTimestamp"] is null)
        {
            obj["status"] = new JsonObject { ["phase"] = "Active" };
            obj["spec"] ??= new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
        }
        if (type.Kind == "CustomResourceDefinition")
        {
            var spec = obj["spec"]!;
            var time = Str(obj["metadata"]?["creationTimestamp"]) ?? Timestamp();
            JsonObject Condition(string t, string reason, string message) => new()
            {
                ["type"] = t, ["status"] = "True", ["lastTransitionTime"] = time, ["reason"] = reason, ["message"] = message,
            };
            obj["status"] = new JsonObject
            {
                ["conditions"] = new JsonArray(
                    Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                    Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
                ["acceptedNames"] = spec["names"]!.DeepClone(),
                ["storedVersions"] = new JsonArray(spec["versions"]!.AsArray().OfType<JsonObject>()
                    .Where(v => v["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode)JsonValue.Create(Str(v["name"]) ?? "")).ToArray()),
            };
        }
    }

    private void Commit(ResourceType type, string? ns, string name, JsonObject obj, string eventType, JsonObject? previous)
    {
        resourceVersion++;
        var key = Key(type, ns, name);
        Meta(obj)["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        if (eventType == "DELETED") objects.Remove(key);
        else objects[key] = obj;
        var ev = new WatchEvent(resourceVersion, eventType, type.StorageKey, ns ?? "", (JsonObject)obj.DeepClone(), previous);
        history.AddLast(ev);
        while (history.Count > historyLimit)
        {
            compactedThrough = history.First!.Value.ResourceVersion;
            history.RemoveFirst();
        }
        foreach (var w in watchers)
            if (w.StorageKey == ev.StorageKey && (w.Namespace is null || w.Namespace == ev.Namespace))
                w.Channel.Writer.TryWrite(ev);
        if (type.Kind == "CustomResourceDefinition")
        {
            if (eventType == "DELETED") Catalog.Unregister(name);
            else Catalog.Register(obj);
        }
    }

    private void Remove(ResourceType type, string? ns, string name, JsonObject existing)
    {
        var gone = (JsonObject)existing.DeepClone();
        Commit(type, ns, name, gone, "DELETED", existing);
        foreach (var k in lastApplied.Keys.Where(k => k.StartsWith(Key(type, ns, name) + "|", StringComparison.Ordinal)).ToList())
            lastApplied.Remove(k);
        var uid = Str(existing["metadata"]?["uid"]);
        if (uid is not null) CollectDependents(uid);
        if (type.Kind == "CustomResourceDefinition")
        {
            var group = Str(existing["spec"]?["group"]);
            var plural = Str(existing["spec"]?["names"]?["plural"]);
            foreach (var k in objects.Keys.Where(k => k.StartsWith($"{group}/{plural}|", StringComparison.Ordinal)).ToList())
                objects.Remove(k);
        }
    }

    private IEnumerable<(string Key, JsonObject Obj)> Dependents(string ownerUid) =>
        objects.Where(kv => kv.Value["metadata"]?["ownerReferences"] is JsonArray refs
                && refs.Any(r => Str(r?["uid"]) == ownerUid))
            .Select(kv => (kv.Key, kv.Value)).ToList();

    private bool UidExists(string uid) => objects.Values.Any(o => Str(o["metadata"]?["uid"]) == uid);

    private (ResourceType Type, string? Ns, string Name) Locate(string key)
    {
        var parts = key.Split('|');
        var type = Catalog.Preferred(parts[0]) ?? throw new InvalidOperationException($"no resource for {parts[0]}");
        return (type, parts[1] == "" ? null : parts[1], parts[2]);
    }

    private void Rewrite(string key, Func<JsonObject, JsonObject> change)
    {
        var (type, ns, name) = Locate(key);
        var existing = objects[key];
        var changed = change((JsonObject)existing.DeepClone());
        if (!JsonNode.DeepEquals(changed, existing)) Commit(type, ns, name, changed, "MODIFIED", existing);
    }

    private static JsonObject WithoutOwner(JsonObject obj, string ownerUid)
    {
        var refs = (JsonArray)obj["metadata"]!["ownerReferences"]!;
        foreach (var r in refs.Where(r => Str(r?["uid"]) == ownerUid).ToList()) refs.Remove(r);
        if (refs.Count == 0) Meta(obj).Remove("ownerReferences");
        return obj;
    }

    private void OrphanDependents(string ownerUid)
    {
        foreach (var (key, _) in Dependents(ownerUid)) Rewrite(key, o => WithoutOwner(o, ownerUid));
    }

    /// <summary>Background garbage collection: a dependent whose owners are all gone is deleted.</summary>
    private void CollectDependents(string ownerUid)
    {
        foreach (var (key, obj) in Dependents(ownerUid))
        {
            if (!objects.ContainsKey(key)) continue;
            var others = ((JsonArray)obj["metadata"]!["ownerReferences"]!)
                .Select(r => Str(r?["uid"])).Where(u => u != ownerUid && u is not null && UidExists(u)).ToList();
            if (others.Count > 0) Rewrite(key, o => WithoutOwner(o, ownerUid));
            else DeleteKey(key);
        }
    }

    private void DeleteDependents(string ownerUid)
    {
        foreach (var (key, _) in Dependents(ownerUid))
            if (objects.ContainsKey(key)) DeleteKey(key);
    }

    private void DeleteKey(string key)
    {
        var (type, ns, name) = Locate(key);
        var existing = objects[key];
        if (Finalizers(existing).Count == 0) Remove(type, ns, name, existing);
        else if (existing["metadata"]?["deletionTimestamp"] is null)
            Rewrite(key, o =>
            {
                Meta(o)["deletionTimestamp"] = Timestamp();
                Meta(o)["deletionGracePeriodSeconds"] = 0;
                return o;
            });
    }

    private void DeleteNamespaceContent(string ns)
    {
        foreach (var key in objects.Keys.Where(k => k.Split('|')[1] == ns).ToList())
            if (objects.ContainsKey(key)) DeleteKey(key);
    }

    /// <summary>
    /// Finishes what deletions left pending: objects whose last finalizer went, owners in
    /// foreground deletion whose dependents are gone, terminating namespaces that are empty.
    /// </summary>
    private void Settle()
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (key, obj) in objects.ToList())
            {
                if (!objects.ContainsKey(key) || obj["metadata"]?["deletionTimestamp"] is null) continue;
                var (type, ns, name) = Locate(key);
                var finalizers = Finalizers(obj);
                var uid = Str(obj["metadata"]!["uid"])!;
                if (finalizers.Contains("foregroundDeletion") && !Dependents(uid).Any())
                {
                    Rewrite(key, o =>
                    {
                        var f = (JsonArray)o["metadata"]!["finalizers"]!;
                        foreach (var x in f.Where(x => Str(x) == "foregroundDeletion").ToList()) f.Remove(x);
                        if (f.Count == 0) Meta(o).Remove("finalizers");
                        return o;
                    });
                    changed = true;
                    continue;
                }
                if (finalizers.Count > 0) continue;
                if (type.Kind == "Namespace" && objects.Keys.Any(k => k.Split('|')[1] == name)) continue;
                Remove(type, ns, name, obj);
                changed = true;
            }
        }
    }
}
