namespace Hotswap.Effects.Ports;

/// <summary>What a client needs to call one workload cluster's API.</summary>
/// <param name="Endpoint">API server URL (EKS DescribeCluster's endpoint).</param>
/// <param name="CertificateAuthorityData">Base64 PEM of the cluster CA; empty for a plain-http test server.</param>
/// <param name="Token">Bearer token.</param>
public sealed record WorkloadClusterAccess(string Endpoint, string CertificateAuthorityData, string Token);
