using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// Kubernetes' RBAC authorizer over a set of ClusterRoles, ClusterRoleBindings, Roles and
/// RoleBindings: a request is allowed when a rule of a role bound to the user (or one of the
/// user's groups) matches its API group, resource (or resource/subresource), verb and — when the
/// rule names some — the object's name; a ClusterRoleBinding grants in every namespace, a
/// RoleBinding only in its own. RBAC only adds: nothing denies. Aggregation rules are not
/// evaluated. Use it as <see cref="KubeApiServerOptions.Authorize"/> to run a client with exactly
/// the permissions of some install manifests.
/// </summary>
public sealed class RbacPolicy
{
    private readonly IReadOnlyList<JsonObject> objects;
    private readonly Func<string, IEnumerable<string>> groupsOf;

    /// <param name="objects">Manifests; objects other than the four RBAC kinds are ignored.</param>
    /// <param name="groupsOf">The groups of a user; by default a service account's (system:serviceaccounts, system:serviceaccounts:NS) and system:authenticated.</param>
    public RbacPolicy(IEnumerable<JsonObject> objects, Func<string, IEnumerable<string>>? groupsOf = null)
    {
        this.objects = objects.Where(o => o["apiVersion"]?.ToString() == "rbac.authorization.k8s.io/v1").ToList();
        this.groupsOf = groupsOf ?? ServiceAccountGroups;
    }

    public static IEnumerable<string> ServiceAccountGroups(string user)
    {
        if (user.Split(':') is ["system", "serviceaccount", var ns, _])
            return ["system:serviceaccounts", $"system:serviceaccounts:{ns}", "system:authenticated"];
        return user == "system:anonymous" ? ["system:unauthenticated"] : ["system:authenticated"];
    }

    public bool Allows(KubeRequestAttributes request) =>
        RulesFor(request.User, request.Namespace).Any(rule => Matches(rule, request));

    /// <summary>The rules that apply to <paramref name="user"/> in <paramref name="namespace"/> (null: cluster-wide only).</summary>
    public IEnumerable<JsonObject> RulesFor(string user, string? @namespace)
    {
        var groups = groupsOf(user).ToHashSet(StringComparer.Ordinal);
        foreach (var binding in objects.Where(o => Kind(o) == "ClusterRoleBinding" && Binds(o, user, groups)))
            foreach (var rule in RolesRules(binding, "ClusterRole", null))
                yield return rule;
        if (@namespace is null) yield break;
        foreach (var binding in objects.Where(o => Kind(o) == "RoleBinding" && Namespace(o) == @namespace && Binds(o, user, groups)))
            foreach (var rule in RolesRules(binding, binding["roleRef"]?["kind"]?.ToString() ?? "", @namespace))
                yield return rule;
    }

    private IEnumerable<JsonObject> RolesRules(JsonObject binding, string kind, string? @namespace)
    {
        var name = binding["roleRef"]?["name"]?.ToString();
        var role = objects.FirstOrDefault(o => Kind(o) == kind && Name(o) == name
            && (kind == "ClusterRole" || Namespace(o) == @namespace));
        return (role?["rules"] as JsonArray)?.OfType<JsonObject>() ?? [];
    }

    private static bool Binds(JsonObject binding, string user, HashSet<string> groups) =>
        (binding["subjects"] as JsonArray)?.OfType<JsonObject>().Any(s => s["kind"]?.ToString() switch
        {
            "ServiceAccount" => user == $"system:serviceaccount:{s["namespace"]}:{s["name"]}",
            "User" => user == s["name"]?.ToString(),
            "Group" => groups.Contains(s["name"]?.ToString() ?? ""),
            _ => false,
        }) ?? false;

    private static bool Matches(JsonObject rule, KubeRequestAttributes r)
    {
        var resource = r.Subresource.Length > 0 ? $"{r.Resource}/{r.Subresource}" : r.Resource;
        var names = Strings(rule["resourceNames"]);
        return Strings(rule["apiGroups"]).Any(g => g == "*" || g == r.Group)
            && Strings(rule["resources"]).Any(x => x == "*" || x == resource || (r.Subresource.Length > 0 && x == $"*/{r.Subresource}"))
            && Strings(rule["verbs"]).Any(v => v == "*" || v == r.Verb)
            && (names.Count == 0 || (r.Name is { } n && names.Contains(n)));
    }

    private static List<string> Strings(JsonNode? n) =>
        n is JsonArray a ? a.Select(x => x?.ToString() ?? "").ToList() : [];

    private static string Kind(JsonObject o) => o["kind"]?.ToString() ?? "";

    private static string? Name(JsonObject o) => o["metadata"]?["name"]?.ToString();

    private static string? Namespace(JsonObject o) => o["metadata"]?["namespace"]?.ToString();
}
