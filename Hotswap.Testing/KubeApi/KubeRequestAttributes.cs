namespace Hotswap.Testing.KubeApi;

/// <summary>
/// One resource request as Kubernetes' authorizers see it (the API server's RequestInfo): who,
/// which verb (get, list, watch, create, update, patch, delete, deletecollection), and on what.
/// </summary>
/// <param name="User">The user's name (the test server takes the bearer token as the name).</param>
/// <param name="Group">The API group; "" for the core group.</param>
/// <param name="Resource">The plural, e.g. systems.</param>
/// <param name="Subresource">e.g. status; "" for the object itself.</param>
/// <param name="Namespace">The namespace; null for cluster-scoped resources and cluster-wide lists.</param>
/// <param name="Name">The object's name; null for collections (list, watch, create).</param>
public sealed record KubeRequestAttributes(
    string User, string Verb, string Group, string Resource, string Subresource, string? Namespace, string? Name)
{
    /// <summary>"list secrets in argocd", "update systems/status team-a/mysystem" — for test messages.</summary>
    public override string ToString()
    {
        var resource = Subresource.Length > 0 ? $"{Resource}/{Subresource}" : Resource;
        var qualified = Group.Length > 0 ? $"{resource}.{Group}" : resource;
        var where = (Namespace, Name) switch
        {
            (null, null) => "(cluster)",
            (null, { } n) => n,
            ({ } ns, null) => $"in {ns}",
            ({ } ns, { } n) => $"{ns}/{n}",
        };
        return $"{User}: {Verb} {qualified} {where}";
    }
}
