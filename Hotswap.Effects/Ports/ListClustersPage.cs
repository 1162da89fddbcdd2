namespace Hotswap.Effects.Ports;

/// <summary>One page of ListClusters; NextToken is None on the last page.</summary>
public sealed record ListClustersPage(Seq<string> Clusters, Option<string> NextToken);
