using System.Globalization;
using Hotswap.Core.Planning;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// EKS in memory: clusters are CREATING (no endpoint, no CA) until their ready time, then ACTIVE
/// with both. ListClusters pages by NextToken.
/// </summary>
public sealed class SimulatedEks(SimulatedClock clock, FaultInjection faults, int pageSize) : IEks
{
    private readonly SortedDictionary<string, Option<DateTimeOffset>> clusters = new(StringComparer.Ordinal);

    /// <summary>Whether an EKS cluster is UPDATING now (the scenario's eks.updating); it keeps its endpoint and CA, as EKS does.</summary>
    public Func<string, bool> Updating { get; set; } = _ => false;

    /// <summary>Adds a cluster that becomes ACTIVE at <paramref name="readyAt"/> (None: never).</summary>
    public void AddCluster(string name, Option<DateTimeOffset> readyAt)
    {
        if (!clusters.ContainsKey(name)) clusters[name] = readyAt;
    }

    public Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default)
    {
        faults.Aws("ListClusters");
        var start = nextToken.Map(t => int.Parse(t, CultureInfo.InvariantCulture)).IfNone(0);
        var page = clusters.Keys.Skip(start).Take(pageSize).ToSeq().Strict();
        var next = start + pageSize < clusters.Count ? Some((start + pageSize).ToString(CultureInfo.InvariantCulture)) : None;
        return Task.FromResult(new ListClustersPage(page, next));
    }

    /// <summary>DescribeCluster calls that reached this simulated EKS (behind the operator's cache).</summary>
    public int DescribeClusterCalls { get; private set; }

    public Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default)
    {
        DescribeClusterCalls++;
        faults.Aws("DescribeCluster");
        if (!clusters.TryGetValue(name, out var readyAt))
            throw new PortException(PortErrorKind.NotFound, $"ResourceNotFoundException: No cluster found for name: {name}.");
        var arn = $"arn:aws:eks:us-east-1:123456789012:cluster/{name}";
        return Task.FromResult(readyAt.Exists(t => clock.Now >= t)
            ? new EksClusterDescription(name, arn, Updating(name) ? "UPDATING" : "ACTIVE",
                Some($"https://{Hashing.Of(name).ToUpperInvariant()}.gr7.us-east-1.eks.amazonaws.com"),
                Some(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"-----BEGIN CERTIFICATE----- {name}"))))
            : new EksClusterDescription(name, arn, "CREATING", None, None));
    }
}
