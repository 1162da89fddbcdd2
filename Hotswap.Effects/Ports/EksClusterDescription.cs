namespace Hotswap.Effects.Ports;

/// <summary>DescribeCluster's cluster: status as EKS spells it (CREATING, ACTIVE, ...); endpoint and CA only once ACTIVE.</summary>
public sealed record EksClusterDescription(
    string Name,
    string Arn,
    string Status,
    Option<string> Endpoint,
    Option<string> CertificateAuthorityData,
    Option<string> Version = default)
{
    /// <summary>Ready for hotswap: ACTIVE, with an endpoint and a CA.</summary>
    public bool IsReady =>
        Status == "ACTIVE" && Endpoint.Exists(e => e.Length > 0) && CertificateAuthorityData.Exists(c => c.Length > 0);
}
