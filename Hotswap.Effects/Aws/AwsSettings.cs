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

    /// <summary>The variable that sets the endpoint of every service, as the SDKs read it.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>The SDKs' service-specific endpoint variables, which win over <see cref="EndpointVariable"/>.</summary>
    public static readonly IReadOnlyList<(string Service, string Variable)> ServiceEndpointVariables =
    [
        (ElasticLoadBalancing, "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2"),
        (Eks, "AWS_ENDPOINT_URL_EKS"),
        (Sts, "AWS_ENDPOINT_URL_STS"),
    ];

    /// <summary>
    /// The region and credentials the SDKs would use here, with <paramref name="endpoints"/> (see
    /// <see cref="EndpointsFrom"/>) in place of AWS's public ones.
    /// </summary>
    public static AwsSettings FromEnvironment(Option<string> region, Map<string, Uri> endpoints) =>
        new(region.IfNone(() => AwsCredentialChain.DefaultRegion()),
            endpoints,
            AwsCredentialChain.Default(),
            AwsRetry.Standard,
            TimeSpan.FromSeconds(30));

    /// <summary>The endpoint for <paramref name="service"/>: the override, else https://SERVICE.REGION.amazonaws.com.</summary>
    public Uri EndpointOf(string service) =>
        Endpoints.Find(service).IfNone(() => new Uri($"https://{service}.{Region}.amazonaws.com{(Region.StartsWith("cn-", StringComparison.Ordinal) ? ".cn" : "")}/"));

    /// <summary>
    /// The endpoint overrides: <paramref name="all"/> for every service when it is given (a flag wins
    /// over the environment), else each service's own variable, else <see cref="EndpointVariable"/>.
    /// A value that is not an absolute http(s) URL is reported through <paramref name="error"/>, one
    /// line naming the variable, and left out.
    /// </summary>
    public static Map<string, Uri> EndpointsFrom(Func<string, string?> environment, Uri? all, Action<string> error)
    {
        if (all is not null) return toMap(ServiceEndpointVariables.Select(v => (v.Service, all)));
        Uri? Read(string variable, string example)
        {
            if (environment(variable)?.Trim() is not { Length: > 0 } text) return null;
            var uri = ParseEndpoint(text);
            if (uri is null) error($"{variable}: \"{text}\" is not an http(s) URL such as {example}");
            return uri;
        }
        var shared = Read(EndpointVariable, "http://127.0.0.1:5000");
        return toMap(ServiceEndpointVariables
            .Select(v => (v.Service, Uri: Read(v.Variable, $"https://{v.Service}.us-east-1.amazonaws.com") ?? shared))
            .Where(p => p.Uri is not null)
            .Select(p => (p.Service, p.Uri!)));
    }

    /// <summary>An absolute http(s) URL, or null.</summary>
    private static Uri? ParseEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri : null;
}
