using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Aws;

/// <summary>
/// DescribeCluster answered from memory for clusters that were ready (ACTIVE with endpoint and
/// CA) when last read, until <paramref name="resync"/> has passed since that read; a cluster not
/// yet ready is read every time. At steady state a reconcile makes no DescribeCluster call; every
/// cluster is still re-read once per resync period, so a deleted or replaced cluster shows.
/// ListClusters is passed through.
/// </summary>
public sealed class CachingEks(IEks inner, Func<DateTimeOffset> now, TimeSpan resync) : IEks
{
    /// <summary>How long a ready cluster's description is used before it is read again: 10 minutes.</summary>
    public static readonly TimeSpan DefaultResync = TimeSpan.FromMinutes(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (EksClusterDescription Cluster, DateTimeOffset ReadAt)> cache =
        new(StringComparer.Ordinal);

    public Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default) =>
        inner.ListClustersAsync(nextToken, cancellation);

    public async Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default)
    {
        var at = now();
        if (cache.TryGetValue(name, out var hit) && at - hit.ReadAt < resync) return hit.Cluster;
        try
        {
            var cluster = await inner.DescribeClusterAsync(name, cancellation);
            if (cluster.IsReady) cache[name] = (cluster, at);
            else cache.TryRemove(name, out _);
            return cluster;
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            cache.TryRemove(name, out _);
            throw;
        }
    }

    /// <summary>Forgets one cluster, so the next DescribeCluster reads it.</summary>
    public void Forget(string name) => cache.TryRemove(name, out _);
}
