using Amazon.Runtime;

namespace Hotswap.Effects.Aws;

/// <summary>
/// Where and as whom the AWS clients call: the region, an endpoint per service when it is not
/// AWS's public one (a VPC endpoint, or moto in tests), the credentials and the retry mode.
/// </summary>
/// <param name="Region">e.g. "us-west-2".</param>
/// <param name="Endpoints">Endpoint overrides by service: "elasticloadbalancing", "eks", "sts".</param>
/// <param name="Credentials">The SDK credentials to sign with (see <see cref="AwsCredentialChain"/>).</param>
/// <param name="Retry">Retries of throttling, 5xx and dropped connections.</param>
/// <param name="AttemptTimeout">How long one HTTP attempt may take before it counts as dropped.</param>
public sealed record AwsSettings(
    string Region,
    Map<string, Uri> Endpoints,
    AWSCredentials Credentials,
    AwsRetry Retry,
    TimeSpan AttemptTimeout)
{
    public const string ElasticLoadBalancing = "elasticloadbalancing";
    public const string Eks = "eks";
    public const string Sts = "sts";

    /// <summary>The region and credentials the SDKs would use here, with endpoint overrides from the environment.</summary>
    public static AwsSettings FromEnvironment(Option<string> region = default) =>
        new(region.IfNone(() => AwsCredentialChain.DefaultRegion()),
            EndpointsFromEnvironment(),
            AwsCredentialChain.Default(),
            AwsRetry.Standard,
            TimeSpan.FromSeconds(30));

    /// <summary>The endpoint for <paramref name="service"/>: the override, else https://SERVICE.REGION.amazonaws.com.</summary>
    public Uri EndpointOf(string service) =>
        Endpoints.Find(service).IfNone(() => new Uri($"https://{service}.{Region}.amazonaws.com{(Region.StartsWith("cn-", StringComparison.Ordinal) ? ".cn" : "")}/"));

    /// <summary>
    /// The SDKs' service-specific endpoint variables: AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2,
    /// AWS_ENDPOINT_URL_EKS, AWS_ENDPOINT_URL_STS, and AWS_ENDPOINT_URL for all of them.
    /// </summary>
    public static Map<string, Uri> EndpointsFromEnvironment()
    {
        static Option<Uri> Read(string name) =>
            Optional(Environment.GetEnvironmentVariable(name)).Filter(v => v.Length > 0).Map(v => new Uri(v));
        var all = Read("AWS_ENDPOINT_URL");
        return toMap(Seq(
                (ElasticLoadBalancing, Read("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2") || all),
                (Eks, Read("AWS_ENDPOINT_URL_EKS") || all),
                (Sts, Read("AWS_ENDPOINT_URL_STS") || all))
            .Choose(p => p.Item2.Map(u => (p.Item1, u))));
    }
}
