using System.Collections.Concurrent;
using System.Text;
using Amazon.Runtime;

namespace Hotswap.Effects.Aws;

/// <summary>
/// EKS bearer tokens, made as aws-iam-authenticator verifies them and as `aws eks get-token`
/// prints them: a presigned GET of https://sts.REGION.amazonaws.com/?Action=GetCallerIdentity&amp;Version=2011-06-15
/// with the x-k8s-aws-id header (the cluster name) signed, X-Amz-Expires=60, encoded as
/// "k8s-aws-v1." + unpadded base64url. Tokens are cached per cluster and credentials and made
/// again 14 minutes after signing (EKS accepts them for 15).
/// </summary>
/// <param name="credentials">Whose token: the chain's, or a cluster's assumed eks.roleARN.</param>
/// <param name="region">The STS region signed for (the cluster's region).</param>
/// <param name="now">The clock.</param>
public sealed class EksTokenSource(AWSCredentials credentials, string region, Func<DateTimeOffset> now)
{
    public const string Prefix = "k8s-aws-v1.";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(14);
    private readonly ConcurrentDictionary<string, EksToken> cache = new(StringComparer.Ordinal);

    /// <summary>The cached token for <paramref name="clusterName"/>, or a new one when it is due.</summary>
    public async Task<EksToken> GetAsync(string clusterName)
    {
        var at = now();
        if (cache.TryGetValue(clusterName, out var token) && at < token.RefreshAfter) return token;
        var made = Create(await credentials.GetCredentialsAsync(), region, clusterName, at.UtcDateTime);
        cache[clusterName] = made;
        return made;
    }

    /// <summary>The token for <paramref name="clusterName"/> signed at <paramref name="utcNow"/>.</summary>
    public static EksToken Create(ImmutableCredentials credentials, string region, string clusterName, DateTime utcNow)
    {
        var host = region.StartsWith("cn-", StringComparison.Ordinal) ? $"sts.{region}.amazonaws.com.cn" : $"sts.{region}.amazonaws.com";
        var url = SigV4.Presign(
            new Uri($"https://{host}/?Action=GetCallerIdentity&Version=2011-06-15"),
            credentials, region, "sts", utcNow, TimeSpan.FromSeconds(60),
            new Dictionary<string, string> { ["x-k8s-aws-id"] = clusterName });
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(url.AbsoluteUri))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new EksToken(Prefix + encoded, new DateTimeOffset(utcNow, TimeSpan.Zero) + Lifetime);
    }
}
