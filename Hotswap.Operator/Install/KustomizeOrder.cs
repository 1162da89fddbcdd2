using YamlDotNet.RepresentationModel;

namespace Hotswap.Operator.Install;

/// <summary>
/// kustomize's default output order ("legacy"): kinds that others depend on first (Namespace,
/// CRDs, ServiceAccounts, RBAC, ...), webhooks last, every other kind in between; then by
/// group_version_kind, namespace and name. <c>kubectl apply -f -</c> relies on it: the Namespace
/// and the CRDs exist before anything is created in or of them.
/// </summary>
public static class KustomizeOrder
{
    private static readonly string[] First =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap",
        "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
        "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public static readonly IComparer<YamlMappingNode> Comparer = Comparer<YamlMappingNode>.Create((a, b) =>
    {
        var byKind = Rank(Text(a, "kind")).CompareTo(Rank(Text(b, "kind")));
        return byKind != 0 ? byKind : string.CompareOrdinal(SortKey(a), SortKey(b));
    });

    /// <summary>kustomize's resource id, e.g. "rbac.authorization.k8s.io_v1_Role|argocd|hotswap-argocd".</summary>
    public static string Id(YamlMappingNode o) => SortKey(o);

    private static int Rank(string kind)
    {
        var first = Array.IndexOf(First, kind);
        if (first >= 0) return first - First.Length;
        var last = Array.IndexOf(Last, kind);
        return last >= 0 ? last + 1 : 0;
    }

    /// <summary>The core group is "~G" and no namespace "~X", as kustomize writes them: both sort after letters.</summary>
    private static string SortKey(YamlMappingNode o)
    {
        var apiVersion = Text(o, "apiVersion");
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("~G", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var meta = o.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) ? m as YamlMappingNode : null;
        var ns = meta is null ? "" : Text(meta, "namespace");
        var name = meta is null ? "" : Text(meta, "name");
        return $"{group}_{version}_{Text(o, "kind")}|{(ns.Length > 0 ? ns : "~X")}|{name}";
    }

    private static string Text(YamlMappingNode o, string key) =>
        o.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value ?? "" : "";
}
