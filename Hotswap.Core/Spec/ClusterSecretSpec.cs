using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>
/// argocd.clusterSecret: a membership set. Joining puts <see cref="Labels"/> on the member cluster's
/// ArgoCD secret (what an ApplicationSet cluster generator selects); leaving removes them.
/// </summary>
public sealed record ClusterSecretSpec(string Name, Map<string, string> Labels);
