using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>One field error of a 422: the field path and the message, as the real API words it.</summary>
public sealed record FieldError(string Field, string Reason, string Message)
{
    /// <summary>"spec.x: Invalid value: ..." — how the API prints it inside the Status message.</summary>
    public override string ToString() => $"{Field}: {Message}";
}

/// <summary>
/// A failed request as the real API answers it: an HTTP code and a meta/v1 Status body
/// (kind Status, reason, code, details). Thrown inside the server and written by the HTTP layer.
/// </summary>
public sealed class KubeStatus(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;

    public JsonObject ToJson()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (details is not null) status["details"] = details.DeepClone();
        status["code"] = Code;
        return status;
    }

    private static JsonObject Details(ResourceType type, string name)
    {
        var d = new JsonObject { ["name"] = name };
        if (type.Group != "") d["group"] = type.Group;
        d["kind"] = type.Plural;
        return d;
    }

    public static KubeStatus NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.GroupResource} \"{name}\" not found", Details(type, name));

    public static KubeStatus NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static KubeStatus AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.GroupResource} \"{name}\" already exists", Details(type, name));

    public static KubeStatus Conflict(ResourceType type, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {type.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type, name));

    public static KubeStatus Invalid(ResourceType type, string name, IReadOnlyList<FieldError> errors)
    {
        var list = errors.Count == 1 ? errors[0].ToString() : $"[{string.Join(", ", errors)}]";
        var details = new JsonObject { ["name"] = name };
        if (type.Group != "") details["group"] = type.Group;
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
        {
            ["reason"] = e.Reason,
            ["message"] = e.Message,
            ["field"] = e.Field,
        }).ToArray());
        return new(422, "Invalid", $"{type.GroupKind} \"{name}\" is invalid: {list}", details);
    }

    /// <summary>
    /// 'secrets "x" is forbidden: User "u" cannot get resource "secrets" in API group "" in the
    /// namespace "argocd"' — the RBAC authorizer's wording.
    /// </summary>
    public static KubeStatus Forbidden(ResourceType type, KubeRequestAttributes r)
    {
        var what = r.Name is { } n ? $"{type.GroupResource} \"{n}\"" : type.GroupResource;
        var resource = r.Subresource.Length > 0 ? $"{r.Resource}/{r.Subresource}" : r.Resource;
        var where = r.Namespace is { } ns ? $"in the namespace \"{ns}\"" : "at the cluster scope";
        return new(403, "Forbidden",
            $"{what} is forbidden: User \"{r.User}\" cannot {r.Verb} resource \"{resource}\" in API group \"{r.Group}\" {where}",
            Details(type, r.Name ?? ""));
    }

    public static KubeStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static KubeStatus Expired(string message) => new(410, "Expired", message);

    public static KubeStatus MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static KubeStatus UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");

    public static KubeStatus PageNotFound() => new(404, "NotFound", "the server could not find the requested resource", new JsonObject());
}
