using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;
using Hotswap.Testing.Aws;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>hotswap's EKS client against moto_server; DescribeCluster calls counted at the server.</summary>
public sealed class EksClientTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private MotoServer Moto => fixture.Moto;

    public async Task InitializeAsync()
    {
        if (Peer.Find("moto_server") is not null) await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private EksClient Client(Option<int> maxResults = default) =>
        new(new AwsTransport(new HttpClient(), fixture.Settings()), maxResults);

    private Task CreateClustersAsync(params string[] names) =>
        Moto.PythonAsync($$"""
            import boto3
            eks = boto3.client('eks')
            for n in [{{string.Join(",", names.Select(n => $"'{n}'"))}}]:
                eks.create_cluster(name=n, version='1.32', roleArn='arn:aws:iam::123456789012:role/eks',
                    resourcesVpcConfig={'subnetIds': ['subnet-1', 'subnet-2']})
            """);

    [SkippableFact]
    public async Task ListClusters_follows_nextToken_to_the_last_page()
    {
        fixture.Require();
        var names = Enumerable.Range(1, 7).Select(i => $"mycluster-{i}").ToArray();
        await CreateClustersAsync(names);
        var client = Client(maxResults: Some(3));
        var all = Seq<string>();
        var token = Option<string>.None;
        do
        {
            var page = await client.ListClustersAsync(token);
            all += page.Clusters;
            token = page.NextToken;
        } while (token.IsSome);

        Assert.Equal(names, all.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(3, fixture.Proxy.Count("eks.ListClusters"));
    }

    [SkippableFact]
    public async Task DescribeCluster_reads_status_endpoint_CA_and_version()
    {
        fixture.Require();
        await CreateClustersAsync("mycluster-web-1-v2");

        var cluster = await Client().DescribeClusterAsync("mycluster-web-1-v2");

        Assert.Equal(("mycluster-web-1-v2", "ACTIVE", Some("1.32")), (cluster.Name, cluster.Status, cluster.Version));
        Assert.StartsWith("arn:aws:eks:us-east-1:", cluster.Arn);
        Assert.True(cluster.IsReady, cluster.ToString());
        Assert.StartsWith("https://", cluster.Endpoint.IfNone(""));
    }

    [SkippableFact]
    public async Task An_unknown_cluster_is_NotFound_with_EKSs_code()
    {
        fixture.Require();

        var e = await Assert.ThrowsAsync<PortException>(() => Client().DescribeClusterAsync("nope"));

        Assert.Equal((PortErrorKind.NotFound, "ResourceNotFoundException"), (e.Kind, e.Code));
        Assert.Contains("nope", e.Message);
    }

    [SkippableFact]
    public async Task Cached_DescribeCluster_is_not_called_at_steady_state_and_is_resynced_once_per_period()
    {
        fixture.Require();
        await CreateClustersAsync("a", "b");
        var now = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var eks = new CachingEks(Client(), () => now, TimeSpan.FromMinutes(10));
        async Task ReconcileAsync()
        {
            await eks.DescribeClusterAsync("a");
            await eks.DescribeClusterAsync("b");
        }

        await ReconcileAsync();
        var first = fixture.Proxy.Count("eks.DescribeCluster");
        for (var i = 0; i < 20; i++)
        {
            now += TimeSpan.FromSeconds(10);
            await ReconcileAsync();
        }
        var steady = fixture.Proxy.Count("eks.DescribeCluster") - first;
        now += TimeSpan.FromMinutes(10);
        await ReconcileAsync();
        var resynced = fixture.Proxy.Count("eks.DescribeCluster") - first - steady;

        Assert.Equal((2, 0, 2), (first, steady, resynced));
    }

    [Fact]
    public async Task A_cluster_not_yet_ACTIVE_is_read_again_every_time()
    {
        var reads = 0;
        var creating = new EksClusterDescription("c", "arn", "CREATING", None, None);
        var eks = new CachingEks(new CountingEks(() => { reads++; return creating; }), () => DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1));

        for (var i = 0; i < 3; i++) await eks.DescribeClusterAsync("c");

        Assert.Equal(3, reads);
    }

    private sealed class CountingEks(Func<EksClusterDescription> describe) : IEks
    {
        public Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default) =>
            Task.FromResult(new ListClustersPage(Seq<string>(), None));

        public Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default) =>
            Task.FromResult(describe());
    }
}
