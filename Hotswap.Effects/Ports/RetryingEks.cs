namespace Hotswap.Effects.Ports;

/// <summary>EKS with the SDK's retries of throttling and 5xx (see <see cref="RetryPolicy"/>).</summary>
public sealed class RetryingEks(IEks inner, RetryPolicy policy, PortCalls calls) : IEks
{
    public Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default) =>
        policy.RunAsync("eks.ListClusters", calls, () => inner.ListClustersAsync(nextToken, cancellation));

    public Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default) =>
        policy.RunAsync("eks.DescribeCluster", calls, () => inner.DescribeClusterAsync(name, cancellation));
}
