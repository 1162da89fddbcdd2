using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>One workload cluster (spec.clusters[]).</summary>
/// <param name="Name">Cluster name in the System; the ArgoCD cluster secret is "&lt;system&gt;-&lt;name&gt;".</param>
/// <param name="Eks">The EKS cluster behind it.</param>
/// <param name="RequireReady">false skips the readiness gate for this cluster.</param>
/// <param name="ReadyTimeout">How long the gate waits for this cluster before the System fails.</param>
/// <param name="Labels">Matched by applications' clusterSelector; also feeds arnFromLabel.</param>
public sealed record ClusterSpec(
    string Name,
    EksSpec Eks,
    bool RequireReady,
    Option<TimeSpan> ReadyTimeout,
    Map<string, string> Labels);
