using System.Collections.Concurrent;
using Amazon.Runtime;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Aws;

/// <summary>
/// How hotswap reaches a workload cluster's API in production: the endpoint and CA from EKS
/// DescribeCluster (through the same, cached, <see cref="IEks"/> the observer reads), and an EKS
/// bearer token (<see cref="EksTokenSource"/>) made with the default chain's credentials, or with
/// the cluster's <c>eks.roleARN</c> assumed on top of them. A cluster that is not ACTIVE with an
/// endpoint and CA yet is Unreachable, so the observer records it as unreadable with the reason.
/// </summary>
/// <param name="eks">EKS, for DescribeCluster.</param>
/// <param name="region">The region the tokens are signed for (the clusters').</param>
/// <param name="source">The chain's credentials; roles are assumed with them.</param>
/// <param name="roleArnOf">A System cluster's <c>eks.roleARN</c>, by the System's cluster name.</param>
/// <param name="now">The clock the tokens' refresh is judged by.</param>
public sealed class EksWorkloadClusterCredentials(
    IEks eks, string region, AWSCredentials source, Func<string, Option<string>> roleArnOf, Func<DateTimeOffset> now)
    : IWorkloadClusterCredentials
{
    // One token source per identity: the chain's own ("") or one per assumed role.
    private readonly ConcurrentDictionary<string, EksTokenSource> tokens = new(StringComparer.Ordinal);

    public async Task<WorkloadClusterAccess> GetAsync(string cluster, string eksClusterName)
    {
        var described = await eks.DescribeClusterAsync(eksClusterName);
        if (!described.IsReady)
            throw new PortException(PortErrorKind.Unreachable,
                $"EKS cluster {eksClusterName} is {described.Status} and has no endpoint and CA yet");
        var role = roleArnOf(cluster).IfNone("");
        var identity = tokens.GetOrAdd(role, r => new EksTokenSource(
            r.Length == 0 ? source : AwsCredentialChain.AssumeRole(source, r), region, now));
        var token = await identity.GetAsync(eksClusterName);
        return new WorkloadClusterAccess(
            described.Endpoint.IfNone(""), described.CertificateAuthorityData.IfNone(""), token.Value);
    }
}
