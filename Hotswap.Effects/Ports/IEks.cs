namespace Hotswap.Effects.Ports;

/// <summary>The EKS calls hotswap makes, shaped like the SDK client. Calls may throw <see cref="PortException"/>.</summary>
public interface IEks
{
    /// <summary>ListClusters, one page; pass the previous page's NextToken to continue.</summary>
    Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default);

    /// <summary>DescribeCluster; NotFound (ResourceNotFoundException) when there is no such cluster.</summary>
    Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default);
}
