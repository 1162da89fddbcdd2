using Hotswap.Effects.Aws;
using Hotswap.Effects.Metrics;
using Hotswap.Effects.Ports;
using Hotswap.Operator.Observability;
using Hotswap.Operator.Running;
using LanguageExt;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// The real ports <c>hotswap run</c> gives its controller, made from the settings: AWS through one
/// transport whose HttpClient counts requests (<see cref="AwsCallCounter"/>), Prometheus and
/// Datadog as configured, workload clusters reached with EKS tokens.
/// </summary>
public static class OperatorParts
{
    /// <summary>The Prometheus settings (its token read from its file), or <paramref name="error"/>.</summary>
    public static PrometheusSettings? Prometheus(RunSettings settings, Action<string> error)
    {
        if (settings.PrometheusUrl is not { } url) return null;
        var prometheus = PrometheusSettings.At(url);
        if (settings.PrometheusBearerTokenFile is { } file)
        {
            try
            {
                var token = File.ReadAllText(file).Trim();
                if (token.Length == 0) error($"{RunFlags.PrometheusBearerTokenFile.Name}: {file} is empty");
                prometheus = prometheus with { BearerToken = Prelude.Some(token) };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error($"{RunFlags.PrometheusBearerTokenFile.Name}: cannot read {file}: {e.Message}");
            }
        }
        if (settings.PrometheusCaFile is { } ca)
        {
            if (!File.Exists(ca)) error($"{RunFlags.PrometheusCaFile.Name}: cannot read {ca}: no such file");
            prometheus = prometheus with { CaFile = Prelude.Some(ca) };
        }
        return prometheus;
    }

    /// <summary>Datadog's settings for --datadog-site: a site name (api.SITE) or a full base URL.</summary>
    public static DatadogSettings Datadog(string site, (string Api, string App) keys) =>
        Uri.TryCreate(site, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? DatadogSettings.ForSite("datadoghq.com", keys.Api, keys.App) with
            {
                BaseUrl = url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/"),
            }
            : DatadogSettings.ForSite(site, keys.Api, keys.App);

    public static IMetrics Metrics(PrometheusSettings? prometheus, DatadogSettings? datadog) =>
        new MetricProviders(
            prometheus is null ? Option<PrometheusMetrics>.None : new PrometheusMetrics(prometheus.CreateHttpClient(), prometheus),
            datadog is null ? Option<DatadogMetrics>.None
                : new DatadogMetrics(new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, datadog));

    /// <summary>Where the AWS clients call: the region (flag, else the SDKs' chain) and endpoints of the settings.</summary>
    public static AwsSettings AwsTarget(RunSettings settings) =>
        AwsSettings.FromEnvironment(Prelude.Optional(settings.AwsRegion), settings.AwsEndpoints);

    /// <summary>ELBv2 and EKS (DescribeCluster cached for the resync period), and workload-cluster credentials.</summary>
    public static (ILoadBalancer LoadBalancer, IEks Eks, Func<Func<string, Option<string>>, IWorkloadClusterCredentials> Workloads) Aws(
        AwsSettings aws, RunSettings settings, OperatorMetrics metrics, TimeProvider time)
    {
        var http = new HttpClient(new AwsCallCounter(metrics) { InnerHandler = new SocketsHttpHandler() })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var (loadBalancer, eks) = AwsClients.Create(aws, time.GetUtcNow, settings.ResyncPeriod, http);
        return (loadBalancer, eks,
            roles => new EksWorkloadClusterCredentials(eks, aws.Region, aws.Credentials, roles, time.GetUtcNow));
    }

    public static ControllerOptions Options(RunSettings settings) =>
        new(settings.Namespaces, settings.ArgoNamespace, settings.Workers, settings.ResyncPeriod, settings.DryRun, settings.Identity);
}
