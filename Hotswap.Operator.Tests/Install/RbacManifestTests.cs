using System.Text.Json.Nodes;
using static Hotswap.Operator.Tests.Install.Rendered;

namespace Hotswap.Operator.Tests.Install;

/// <summary>
/// The operator's RBAC in deploy/: docs/rbac.md's table says exactly what the roles grant (each
/// row with the code path that needs it), nothing is granted with a wildcard or on what lets a
/// holder escalate, and Secrets and Leases are granted only in the one namespace each lives in.
/// </summary>
public sealed class RbacManifestTests
{
    private static readonly IReadOnlyList<JsonObject> Objects = Base();

    /// <summary>Where each of the operator's roles applies, as docs/rbac.md names it.</summary>
    private static readonly Dictionary<string, string> Scopes = new()
    {
        ["ClusterRole/hotswap-operator"] = "every watched namespace",
        ["Role/hotswap-argocd"] = "ArgoCD namespace",
        ["Role/hotswap-leader-election"] = "operator namespace",
    };

    private sealed record Grant(string Scope, string Group, string Resource, string Names, string Verb);

    private static IEnumerable<JsonObject> OperatorRoles() =>
        Objects.Where(o => Scopes.ContainsKey($"{o["kind"]}/{o["metadata"]!["name"]}"));

    private static List<Grant> Granted() =>
        [.. from role in OperatorRoles()
            from rule in role["rules"]!.AsArray()
            from g in Strings(rule!["apiGroups"])
            from r in Strings(rule["resources"])
            from v in Strings(rule["verbs"])
            select new Grant(Scopes[$"{role["kind"]}/{role["metadata"]!["name"]}"], g, r, string.Join(",", Strings(rule["resourceNames"])), v)];

    /// <summary>The rows of the table under "## The operator's permissions", one grant per resource and verb.</summary>
    private static List<Grant> Documented()
    {
        var lines = RepoFiles.Read("docs", "rbac.md").Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("## The operator's permissions", StringComparison.Ordinal));
        Assert.True(start >= 0, "docs/rbac.md has no section \"## The operator's permissions\"");
        var rows = lines.Skip(start).SkipWhile(l => !l.StartsWith("| scope", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.Length == 6 && r[5].Length > 20, $"a row without its why: {string.Join(" | ", r)}"));
        static IEnumerable<string> List(string cell) => cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return [.. from r in rows
            from resource in List(r[2])
            from verb in List(r[4])
            select new Grant(r[0], r[1] == "\"\"" ? "" : r[1], resource, r[3], verb)];
    }

    [Fact]
    public void Docs_rbac_md_lists_exactly_what_the_operator_roles_grant()
    {
        var granted = Granted().Select(g => g.ToString()).Order(StringComparer.Ordinal).ToList();
        var documented = Documented().Select(g => g.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(documented, granted);
    }

    [Fact]
    public void No_rule_uses_a_wildcard_or_grants_escalation_pods_or_nonresource_urls()
    {
        var rules = Objects.Where(o => o["kind"]!.GetValue<string>() is "ClusterRole" or "Role")
            .SelectMany(o => o["rules"]!.AsArray().Select(r => (Role: Id(o), Rule: r!))).ToList();
        Assert.NotEmpty(rules);
        foreach (var (role, rule) in rules)
        {
            var all = Strings(rule["apiGroups"]).Concat(Strings(rule["resources"])).Concat(Strings(rule["verbs"]));
            Assert.DoesNotContain(all, x => x.Contains('*'));
            Assert.Empty(Strings(rule["verbs"]).Intersect(["escalate", "bind", "impersonate"]));
            Assert.Empty(Strings(rule["resources"]).Intersect(["pods", "pods/exec", "serviceaccounts/token", "roles", "clusterroles", "rolebindings", "clusterrolebindings"]));
            Assert.True(rule["nonResourceURLs"] is null, $"{role} grants non-resource URLs");
        }
    }

    [Fact]
    public void Secrets_are_granted_only_in_the_argocd_namespace_and_leases_only_in_the_operator_namespace()
    {
        var grants = Granted();
        Assert.Equal(["ArgoCD namespace"], grants.Where(g => g.Resource == "secrets").Select(g => g.Scope).Distinct());
        Assert.Equal(["operator namespace"], grants.Where(g => g.Resource == "leases").Select(g => g.Scope).Distinct());
        Assert.All(grants.Where(g => g.Resource == "leases" && g.Verb != "create"), g => Assert.Equal("hotswap-operator", g.Names));
        Assert.Equal("argocd", Namespace(One(Objects, "Role", "hotswap-argocd")));
        Assert.Equal("hotswap-system", Namespace(One(Objects, "Role", "hotswap-leader-election")));
    }

    /// <summary>The base's own defaults: the ArgoCD Role sits where --argocd-namespace points, the Lease is the one hotswap run names.</summary>
    [Fact]
    public void The_roles_follow_the_deployment_s_flags()
    {
        var args = Strings(Container(Objects)["args"]).ToList();
        // docs/install.md's overlay reads the ArgoCD namespace from the second argument.
        Assert.Equal($"--argocd-namespace={Namespace(One(Objects, "Role", "hotswap-argocd"))}", args[1]);
        Assert.DoesNotContain(args, a => a.StartsWith("--leader-election-id", StringComparison.Ordinal));
        Assert.DoesNotContain(args, a => a.StartsWith("--leader-election-namespace", StringComparison.Ordinal));
        Assert.DoesNotContain(args, a => a.StartsWith("--datadog-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_binding_binds_a_role_of_the_base_to_the_operator_ServiceAccount()
    {
        var bindings = Objects.Where(o => o["kind"]!.GetValue<string>() is "ClusterRoleBinding" or "RoleBinding").ToList();
        Assert.Equal(3, bindings.Count);
        foreach (var b in bindings)
        {
            var roleRef = b["roleRef"]!;
            var role = One(Objects, roleRef["kind"]!.GetValue<string>(), roleRef["name"]!.GetValue<string>());
            if (b["kind"]!.GetValue<string>() == "RoleBinding") Assert.Equal(Namespace(b), Namespace(role));
            var subject = Assert.Single(b["subjects"]!.AsArray())!;
            Assert.Equal(("ServiceAccount", "hotswap", "hotswap-system"),
                (subject["kind"]!.GetValue<string>(), subject["name"]!.GetValue<string>(), subject["namespace"]!.GetValue<string>()));
        }
        Assert.Equal("hotswap", PodSpec(Objects)["serviceAccountName"]!.GetValue<string>());
    }

    /// <summary>People's roles read hotswap's kinds and write Systems only; children stay the operator's.</summary>
    [Fact]
    public void The_aggregated_user_roles_never_write_children()
    {
        var edit = One(Objects, "ClusterRole", "hotswap-edit");
        var rule = Assert.Single(edit["rules"]!.AsArray())!;
        Assert.Equal(["systems"], Strings(rule["resources"]));
        Assert.Equal("true", edit["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-edit"]!.GetValue<string>());
        var view = One(Objects, "ClusterRole", "hotswap-view");
        Assert.All(view["rules"]!.AsArray(), r => Assert.Equal(["get", "list", "watch"], Strings(r!["verbs"])));
    }
}
