using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>
/// argocd.clusterSecret: a membership set. Joining puts <see cref="Labels"/> on the member cluster's
/// ArgoCD secret (what an ApplicationSet cluster generator selects); leaving removes them.
/// </summary>
/// <param name="Name">The membership set's name; applications naming the same set share it.</param>
/// <param name="Labels">Put on each member's ArgoCD cluster secret while it is a member (what ApplicationSet cluster generators select).</param>
public sealed record ClusterSecretSpec(string Name, Map<string, string> Labels);
