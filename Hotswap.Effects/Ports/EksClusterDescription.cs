namespace Hotswap.Effects.Ports;

/// <summary>DescribeCluster's cluster: status as EKS spells it (CREATING, ACTIVE, ...); endpoint and CA only once ACTIVE.</summary>
public sealed record EksClusterDescription(
    string Name,
    string Arn,
    string Status,
    Option<string> Endpoint,
    Option<string> CertificateAuthorityData);
