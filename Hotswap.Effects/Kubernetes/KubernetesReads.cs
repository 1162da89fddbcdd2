using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// Where <see cref="KubernetesObjects"/> reads each kind it uses: every read goes through one of
/// these sources, every write tells its source what the API returned. <see cref="Live"/> reads the
/// API on every call; the operator passes sources backed by its informers' stores.
/// </summary>
/// <param name="ClusterSecrets">ArgoCD cluster secrets (label argocd.argoproj.io/secret-type=cluster).</param>
/// <param name="Jobs">Jobs carrying hotswap's System label.</param>
/// <param name="Revisions">ControllerRevisions carrying hotswap's System label.</param>
public sealed record KubernetesReads(
    IObjectSource<JsonObject> Systems,
    IObjectSource<JsonObject> ArgoCDClusters,
    IObjectSource<JsonObject> ApplicationDeployments,
    IObjectSource<JsonObject> Checks,
    IObjectSource<V1Secret> ClusterSecrets,
    IObjectSource<V1Job> Jobs,
    IObjectSource<V1ControllerRevision> Revisions,
    IObjectSource<JsonObject> ApplicationSets,
    IObjectSource<JsonObject> Applications)
{
    /// <summary>Every read is a request to the API server.</summary>
    public static KubernetesReads Live(IKubernetes client) => new(
        new LiveCustomObjects(client, HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.Systems),
        new LiveCustomObjects(client, HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.ArgoCDClusters),
        new LiveCustomObjects(client, HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.ApplicationDeployments),
        new LiveCustomObjects(client, HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.Checks),
        new LiveSecrets(client),
        new LiveJobs(client),
        new LiveRevisions(client),
        new LiveCustomObjects(client, HotswapKinds.ArgoGroup, HotswapKinds.ArgoVersion, HotswapKinds.ApplicationSets),
        new LiveCustomObjects(client, HotswapKinds.ArgoGroup, HotswapKinds.ArgoVersion, HotswapKinds.Applications));
}
