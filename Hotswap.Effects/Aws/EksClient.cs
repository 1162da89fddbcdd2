using System.Globalization;
using System.Text.Json;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Aws;

/// <summary>
/// EKS over REST JSON, shaped like AWSSDK.EKS's client so that package can replace it:
/// ListClusters (one page per call) and DescribeCluster.
/// </summary>
/// <param name="transport">Signs, sends and retries.</param>
/// <param name="maxResults">ListClusters maxResults (1..100); None leaves AWS's default.</param>
public sealed class EksClient(AwsTransport transport, Option<int> maxResults = default) : IEks
{
    public async Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default)
    {
        var query = new List<string>();
        maxResults.IfSome(n => query.Add($"maxResults={n.ToString(CultureInfo.InvariantCulture)}"));
        nextToken.IfSome(t => query.Add($"nextToken={SigV4.Encode(t)}"));
        var path = query.Count == 0 ? "/clusters" : "/clusters?" + string.Join("&", query);
        using var json = JsonDocument.Parse(await transport.SendAsync(AwsSettings.Eks, HttpMethod.Get, path, null, null, "eks.ListClusters", cancellation));
        var root = json.RootElement;
        var clusters = root.TryGetProperty("clusters", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(e => e.GetString() ?? "").ToSeq().Strict()
            : Seq<string>();
        return new ListClustersPage(clusters, String(root, "nextToken").Filter(t => t.Length > 0));
    }

    public async Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default)
    {
        var path = "/clusters/" + SigV4.Encode(name);
        using var json = JsonDocument.Parse(await transport.SendAsync(AwsSettings.Eks, HttpMethod.Get, path, null, null, "eks.DescribeCluster", cancellation));
        var cluster = json.RootElement.GetProperty("cluster");
        var ca = cluster.TryGetProperty("certificateAuthority", out var a) && a.ValueKind == JsonValueKind.Object ? String(a, "data") : None;
        return new EksClusterDescription(
            String(cluster, "name").IfNone(name),
            String(cluster, "arn").IfNone(""),
            String(cluster, "status").IfNone(""),
            String(cluster, "endpoint").Filter(e => e.Length > 0),
            ca.Filter(d => d.Length > 0),
            String(cluster, "version"));
    }

    private static Option<string> String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? Optional(p.GetString()) : None;
}
