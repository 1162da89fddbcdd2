using LanguageExt;

namespace Hotswap.Core.Children;

/// <summary>ArgoCDCluster.spec: one per System cluster, named "&lt;system&gt;-&lt;cluster&gt;".</summary>
/// <param name="Name">Object name, also the ArgoCD cluster secret's name.</param>
/// <param name="System">Owning System.</param>
/// <param name="Cluster">Cluster name in the System.</param>
/// <param name="EksClusterName">EKS cluster to describe.</param>
/// <param name="RoleArn">Role ArgoCD assumes to reach the cluster, written into the secret's config.</param>
/// <param name="RequireReady">false: the System does not wait for this cluster.</param>
/// <param name="ReadyTimeout">How long the System waits for it.</param>
/// <param name="Labels">The cluster's labels (copied for kubectl visibility).</param>
public sealed record ArgoCDClusterSpec(
    string Name,
    string System,
    string Cluster,
    string EksClusterName,
    Option<string> RoleArn,
    bool RequireReady,
    Option<TimeSpan> ReadyTimeout,
    Map<string, string> Labels);
