using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Aws;

/// <summary>
/// The real AWS ports as the operator composes them: ELBv2 and EKS clients sharing one signed,
/// retrying transport, DescribeCluster cached for ready clusters (<see cref="CachingEks"/>).
/// Retries happen inside the clients, so the reconcile loop should not retry them again
/// (pass <see cref="RetryPolicy.None"/>).
/// </summary>
public static class AwsClients
{
    public static (ILoadBalancer LoadBalancer, IEks Eks) Create(
        AwsSettings settings, Func<DateTimeOffset> now, TimeSpan? resync = null, HttpClient? http = null)
    {
        var transport = new AwsTransport(http ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, settings);
        return (new ElasticLoadBalancingV2Client(transport),
            new CachingEks(new EksClient(transport), now, resync ?? CachingEks.DefaultResync));
    }
}
