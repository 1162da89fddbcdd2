using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>An ArgoCD ApplicationSet as far as hotswap cares.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Labels">metadata.labels, matched by argocd.applicationSet.selector.</param>
/// <param name="ClusterSelector">The cluster generator's selector.matchLabels.</param>
/// <param name="PreserveResourcesOnDeletion">syncPolicy.preserveResourcesOnDeletion: leaving a set then keeps workloads.</param>
public sealed record ApplicationSetState(
    string Name,
    Map<string, string> Labels,
    Map<string, string> ClusterSelector,
    bool PreserveResourcesOnDeletion);
