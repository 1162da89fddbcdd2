using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>What EKS DescribeCluster said. Endpoint and CA exist only once the cluster is ACTIVE.</summary>
public sealed record EksCluster(
    string Name,
    EksClusterState State,
    Option<string> Endpoint,
    Option<string> CertificateAuthority,
    Option<string> Arn)
{
    /// <summary>Ready for ArgoCD: ACTIVE with both endpoint and CA known.</summary>
    public bool IsReady =>
        State == EksClusterState.Active && Endpoint.IsSome && CertificateAuthority.IsSome;
}
