namespace Hotswap.Effects.Aws;

/// <summary>A bearer token for an EKS cluster's API server, and when hotswap stops using it.</summary>
/// <param name="Value">"k8s-aws-v1." + unpadded base64url of a presigned STS GetCallerIdentity URL.</param>
/// <param name="RefreshAfter">When a new token is made: 14 minutes after signing, before EKS's 15 minutes run out.</param>
public sealed record EksToken(string Value, DateTimeOffset RefreshAfter)
{
    /// <summary>The token without its secret part, for printing.</summary>
    public override string ToString() => $"EksToken {{ refresh after {RefreshAfter:O} }}";
}
