namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// How a System's cluster secret is named in the ArgoCD namespace. Core names a secret
/// "&lt;system&gt;-&lt;cluster&gt;", unique within the System's namespace; the ArgoCD namespace is
/// shared by Systems of every namespace, so the secret (and ArgoCD's cluster name, data.name) is
/// "&lt;namespace&gt;.&lt;system&gt;-&lt;cluster&gt;". A namespace is a DNS label (no dots), so the first
/// dot always ends it, and two same-named Systems in different namespaces never share a secret.
/// Example: System "mysystem" in "team-a", cluster "web-1" → "team-a.mysystem-web-1".
/// </summary>
public static class ClusterSecretNames
{
    /// <summary>Label on every secret hotswap writes or adopts: the System's namespace.</summary>
    public const string NamespaceLabel = "hotswap.mumoshu.github.io/namespace";

    /// <summary>
    /// On a secret someone else created for the same server and hotswap adopted: the name Core
    /// knows it by. Adoption keeps the secret's own name and data.name (its Applications use them).
    /// </summary>
    public const string AdoptedAsAnnotation = "hotswap.mumoshu.github.io/adopted-as";

    public static string Physical(string @namespace, string name) => $"{@namespace}.{name}";

    /// <summary>The name Core knows a secret by, when it belongs to <paramref name="namespace"/>'s Systems.</summary>
    public static Option<string> Logical(
        string @namespace, string physical, Map<string, string> labels, Map<string, string> annotations)
    {
        if (!labels.Find(NamespaceLabel).Exists(ns => ns == @namespace)) return None;
        var adopted = annotations.Find(AdoptedAsAnnotation);
        if (adopted.IsSome) return adopted;
        var prefix = @namespace + ".";
        return physical.StartsWith(prefix, StringComparison.Ordinal) ? Some(physical[prefix.Length..]) : None;
    }
}
