using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;
using Hotswap.Testing.Aws;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>
/// The clients behind a fault proxy in front of moto: throttling, 5xx and dropped connections are
/// retried within the standard-mode budget (3 attempts) and surface after it; other errors at once.
/// </summary>
public sealed class FaultTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private MotoAlb? alb;

    public async Task InitializeAsync()
    {
        if (Peer.Find("moto_server") is null) return;
        await fixture.ResetAsync();
        alb = await MotoAlb.CreateAsync(fixture.Moto, "tg-a");
        await fixture.Moto.PythonAsync("""
            import boto3
            boto3.client('eks').create_cluster(name='c1', roleArn='arn:aws:iam::123456789012:role/eks',
                resourcesVpcConfig={'subnetIds': ['subnet-1']})
            """);
        fixture.Proxy.ResetCounts();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private int retries;

    private AwsTransport Transport() =>
        new(new HttpClient(), fixture.Settings(attemptTimeout: TimeSpan.FromSeconds(2))) { Retried = _ => retries++ };

    public static TheoryData<Fault> Transient => new() { Fault.Throttling, Fault.InternalError, Fault.Unavailable, Fault.Drop };

    [SkippableTheory]
    [MemberData(nameof(Transient))]
    public async Task ELBv2_recovers_from_two_transient_faults(Fault fault)
    {
        fixture.Require();
        fixture.Proxy.Plan("elbv2.DescribeRules", fault, fault);

        var page = await new ElasticLoadBalancingV2Client(Transport()).DescribeRulesAsync(alb!.ListenerArn, None);

        Assert.Contains(page.Rules, r => r.IsDefault);
        Assert.Equal((3, 2), (fixture.Proxy.Count("elbv2.DescribeRules"), retries));
    }

    [SkippableTheory]
    [InlineData(Fault.Throttling, PortErrorKind.Throttled, "Throttling")]
    [InlineData(Fault.Unavailable, PortErrorKind.ServerError, "ServiceUnavailable")]
    [InlineData(Fault.Drop, PortErrorKind.Unreachable, "ConnectionError")]
    public async Task ELBv2_surfaces_the_error_after_three_attempts(Fault fault, PortErrorKind kind, string code)
    {
        fixture.Require();
        fixture.Proxy.Plan("elbv2.ModifyRule", fault, fault, fault, fault);
        var rule = alb!.ListenerArn.Replace(":listener/", ":listener-rule/") + "/0123456789abcdef";

        var e = await Assert.ThrowsAsync<PortException>(() =>
            new ElasticLoadBalancingV2Client(Transport()).ModifyRuleAsync(rule, RuleActions.Forward(Seq1(new TargetGroupTuple(alb.TargetGroups["tg-a"], Some(1))))));

        Assert.Equal((kind, code), (e.Kind, e.Code));
        Assert.Equal(3, fixture.Proxy.Count("elbv2.ModifyRule"));
        Assert.DoesNotContain(MotoServer.SecretKey, e.ToString());
    }

    [SkippableFact]
    public async Task AccessDenied_is_returned_at_once()
    {
        fixture.Require();
        fixture.Proxy.Plan("elbv2.DescribeTargetHealth", Fault.AccessDenied);

        var e = await Assert.ThrowsAsync<PortException>(() =>
            new ElasticLoadBalancingV2Client(Transport()).DescribeTargetHealthAsync(alb!.TargetGroups["tg-a"]));

        Assert.Equal((PortErrorKind.AccessDenied, "AccessDenied"), (e.Kind, e.Code));
        Assert.Contains("not authorized", e.Message);
        Assert.Equal(1, fixture.Proxy.Count("elbv2.DescribeTargetHealth"));
    }

    [SkippableTheory]
    [MemberData(nameof(Transient))]
    public async Task EKS_recovers_from_two_transient_faults(Fault fault)
    {
        fixture.Require();
        fixture.Proxy.Plan("eks.DescribeCluster", fault, fault);

        var cluster = await new EksClient(Transport()).DescribeClusterAsync("c1");

        Assert.Equal("ACTIVE", cluster.Status);
        Assert.Equal(3, fixture.Proxy.Count("eks.DescribeCluster"));
    }

    [SkippableFact]
    public async Task EKS_throttling_surfaces_after_three_attempts_with_its_code()
    {
        fixture.Require();
        fixture.Proxy.Plan("eks.ListClusters", Fault.Throttling, Fault.Throttling, Fault.Throttling);

        var e = await Assert.ThrowsAsync<PortException>(() => new EksClient(Transport()).ListClustersAsync(None));

        Assert.Equal((PortErrorKind.Throttled, "ThrottlingException"), (e.Kind, e.Code));
        Assert.Equal(3, fixture.Proxy.Count("eks.ListClusters"));
    }
}
