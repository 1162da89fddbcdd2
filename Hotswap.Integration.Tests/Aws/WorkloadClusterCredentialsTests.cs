using System.Text;
using Amazon.Runtime;
using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;
using Hotswap.Testing.Aws;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>
/// Reaching a workload cluster as production does: endpoint and CA from EKS DescribeCluster, an EKS
/// token signed with the chain's credentials or the cluster's assumed eks.roleARN — against moto.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class WorkloadClusterCredentialsTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private const string Role = "arn:aws:iam::123456789012:role/hotswap-eks-access";

    public async Task InitializeAsync()
    {
        if (Peer.Find("moto_server") is not null) await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private EksWorkloadClusterCredentials Credentials(AWSCredentials source, Func<string, Option<string>> roles) =>
        new(new EksClient(new AwsTransport(new HttpClient(), fixture.Settings())), MotoServer.Region, source, roles,
            () => new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));

    private Task CreateClusterAsync(string name) =>
        fixture.Moto.PythonAsync($$"""
            import boto3
            boto3.client('eks').create_cluster(name='{{name}}', version='1.32', roleArn='arn:aws:iam::123456789012:role/eks',
                resourcesVpcConfig={'subnetIds': ['subnet-1', 'subnet-2']})
            """);

    /// <summary>The presigned STS URL inside a "k8s-aws-v1." token, as aws-iam-authenticator decodes it.</summary>
    private static Dictionary<string, string> QueryOf(string token)
    {
        var encoded = token["k8s-aws-v1.".Length..];
        var url = new Uri(Encoding.UTF8.GetString(Convert.FromBase64String(
            encoded.Replace('-', '+').Replace('_', '/') + new string('=', (4 - encoded.Length % 4) % 4))));
        return url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
    }

    [SkippableFact]
    public async Task Endpoint_and_CA_come_from_DescribeCluster_and_the_token_names_the_EKS_cluster()
    {
        fixture.Require();
        await CreateClusterAsync("mycluster-web-1-v2");
        var described = await new EksClient(new AwsTransport(new HttpClient(), fixture.Settings())).DescribeClusterAsync("mycluster-web-1-v2");

        var access = await Credentials(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey), _ => None)
            .GetAsync("web-1-v2", "mycluster-web-1-v2");

        Assert.Equal((described.Endpoint.IfNone("?"), described.CertificateAuthorityData.IfNone("?")),
            (access.Endpoint, access.CertificateAuthorityData));
        Assert.StartsWith("k8s-aws-v1.", access.Token);
        var query = QueryOf(access.Token);
        Assert.Contains("x-k8s-aws-id", query["X-Amz-SignedHeaders"].Split(';'));
        Assert.StartsWith($"{MotoServer.AccessKey}/20261125/us-east-1/sts/aws4_request", query["X-Amz-Credential"]);
    }

    [SkippableFact]
    public async Task A_clusters_roleARN_signs_its_token_with_the_assumed_role()
    {
        fixture.Require();
        using var _ = ProcessEnvironment.With(("AWS_ACCESS_KEY_ID", MotoServer.AccessKey), ("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey),
            ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_STS", fixture.Proxy.Url.ToString().TrimEnd('/')));
        await CreateClusterAsync("mycluster-web-1-v2");
        var credentials = Credentials(AwsCredentialChain.Default(), c => c == "web-1-v2" ? Some(Role) : None);

        var first = await credentials.GetAsync("web-1-v2", "mycluster-web-1-v2");
        var again = await credentials.GetAsync("web-1-v2", "mycluster-web-1-v2");

        var query = QueryOf(first.Token);
        Assert.StartsWith("ASIA", query["X-Amz-Credential"]);
        Assert.True(query.ContainsKey("X-Amz-Security-Token"), "an assumed role's token carries its session token");
        Assert.Equal(first.Token, again.Token);
        Assert.Equal(1, fixture.Proxy.Count("sts.AssumeRole"));
    }

    [SkippableFact]
    public async Task A_cluster_that_does_not_exist_is_NotFound()
    {
        fixture.Require();

        var e = await Assert.ThrowsAsync<PortException>(() =>
            Credentials(new BasicAWSCredentials(MotoServer.AccessKey, MotoServer.SecretKey), _ => None).GetAsync("gone", "mycluster-gone"));

        Assert.Equal(PortErrorKind.NotFound, e.Kind);
    }
}
