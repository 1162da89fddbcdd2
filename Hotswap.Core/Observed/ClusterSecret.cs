using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>
/// An ArgoCD cluster secret hotswap manages ("&lt;system&gt;-&lt;cluster&gt;" in the ArgoCD namespace).
/// </summary>
/// <param name="Name">Secret name, also ArgoCD's cluster name.</param>
/// <param name="Server">data.server: the EKS endpoint.</param>
/// <param name="Config">data.config as written (canonical JSON).</param>
/// <param name="Labels">metadata.labels, including membership-set labels.</param>
/// <param name="Memberships">Membership sets this cluster belongs to, from the memberships annotation.</param>
public sealed record ClusterSecret(
    string Name,
    string Server,
    string Config,
    Map<string, string> Labels,
    Set<string> Memberships);
