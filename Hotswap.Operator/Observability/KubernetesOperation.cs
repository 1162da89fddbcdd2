namespace Hotswap.Operator.Observability;

/// <summary>
/// Names a Kubernetes API request as RBAC does, verb and resource:
/// <c>GET /apis/hotswap.mumoshu.github.io/v1alpha1/namespaces/team-a/systems</c> → "list systems",
/// <c>…/systems/mysystem/status</c> with PUT → "update systems/status",
/// <c>GET …/leases/hotswap-operator</c> → "get leases", <c>?watch=true</c> → "watch …",
/// <c>GET /version</c> → "get /version". Names of objects and namespaces never appear, so the
/// metric's labels stay few.
/// </summary>
public static class KubernetesOperation
{
    public static string Of(HttpMethod method, Uri uri)
    {
        var segments = uri.AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var watch = uri.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase)
            || uri.Query.Contains("watch=1", StringComparison.Ordinal);
        // /api/v1/... or /apis/GROUP/VERSION/...
        var rest = segments switch
        {
            ["api", _, .. var r] => r,
            ["apis", _, _, .. var r] => r,
            _ => null,
        };
        if (rest is null || rest.Length == 0) return $"{Verb(method, named: true, watch)} /{string.Join('/', segments)}";
        if (rest is ["watch", .. var watched])
        {
            rest = watched;
            watch = true;
        }
        if (rest is ["namespaces", _, _, ..]) rest = rest[2..];
        var (resource, named) = rest switch
        {
            [var r] => (r, false),
            [var r, _] => (r, true),
            [var r, _, var sub, ..] => ($"{r}/{sub}", true),
            _ => (rest[0], false),
        };
        return $"{Verb(method, named, watch)} {resource}";
    }

    private static string Verb(HttpMethod method, bool named, bool watch) => method.Method switch
    {
        "GET" when watch => "watch",
        "GET" => named ? "get" : "list",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => named ? "delete" : "deletecollection",
        _ => method.Method.ToLowerInvariant(),
    };

    /// <summary>The result label of an answered request: ok, or the API's failure by status (NotFound, Conflict, ...).</summary>
    public static string Result(int status) => status switch
    {
        >= 200 and < 400 => "ok",
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        410 => "Gone",
        422 => "Invalid",
        429 => "TooManyRequests",
        >= 500 => "ServerError",
        _ => $"HTTP{status}",
    };
}
