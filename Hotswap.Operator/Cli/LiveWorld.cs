using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Effects;
using Hotswap.Effects.Aws;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;
using k8s;
using LanguageExt;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Observes one System's world from a live control-plane cluster (through a kubeconfig) with the
/// operator's own observer. Only reads: the observer calls no write method of any port.
/// AWS (EKS, ELBv2) is read with the default credentials and region (and the SDKs' endpoint
/// variables), or from a world file's recording when <see cref="AwsWorld"/> is given.
/// </summary>
public sealed record LiveWorld(KubeTarget Target, string ArgoNamespace, FileInfo? AwsWorld)
{
    private string Namespace => Target.Namespace;

    public async Task<Either<Seq<string>, (SystemSpec Spec, World World)>> ObserveAsync(string system)
    {
        var aws = AwsPorts();
        if (aws.IsLeft) return aws.Match(_ => Seq<string>.Empty, e => e);
        var (eks, loadBalancer, workloads) = aws.Match(p => p, _ => throw new InvalidOperationException());
        using var client = new k8s.Kubernetes(Target.Config);
        // Workload clusters are reached as the spec says (eks.roleARN), so the role look-up reads the
        // spec once it is parsed; nothing asks for it before.
        SystemSpec? parsed = null;
        var kube = new KubernetesObjects(client, Namespace, ArgoNamespace,
            workloads?.Invoke(c => Prelude.Optional(parsed).Bind(p => p.Clusters.Find(x => x.Name == c)).Bind(x => x.Eks.RoleArn)));
        try
        {
            var found = await kube.GetSystemAsync(system);
            var spec = SystemManifest.Parse(found.Manifest);
            if (spec.IsFail) return spec.FailToSeq().Map(e => $"System {Namespace}/{system}: {e}");
            parsed = spec.Match(s => s, _ => throw new InvalidOperationException());
            var observer = new Observer(new PortSet(kube, loadBalancer, eks, new NoMetrics()), new PortCalls());
            return (await observer.ObserveAsync(parsed)).Match(
                o => Either<Seq<string>, (SystemSpec, World)>.Right((parsed, o.World)),
                e => Prelude.Seq1($"observing System {Namespace}/{system}: {e.Kind}: {e.Message}"));
        }
        catch (PortException e)
        {
            return Prelude.Seq1($"System {Namespace}/{system}: {e.Kind}: {e.Message}");
        }
        catch (Amazon.Runtime.AmazonClientException e)
        {
            return Prelude.Seq1($"System {Namespace}/{system}: AWS: {e.Message}");
        }
    }

    /// <summary>
    /// The recorded AWS of --aws-world (no workload clusters to reach), or the AWS adapters with the
    /// default credential chain, and workload clusters reached with EKS tokens.
    /// </summary>
    private Either<Seq<string>, (IEks, ILoadBalancer, Func<Func<string, Option<string>>, IWorkloadClusterCredentials>?)> AwsPorts()
    {
        if (AwsWorld is not null)
            return Inputs.World(AwsWorld).Map(w =>
            {
                var recorded = new RecordedAws(w);
                return ((IEks)recorded, (ILoadBalancer)recorded, (Func<Func<string, Option<string>>, IWorkloadClusterCredentials>?)null);
            });
        var problems = new List<string>();
        var endpoints = AwsSettings.EndpointsFrom(Environment.GetEnvironmentVariable, null, problems.Add);
        if (problems.Count > 0) return Prelude.toSeq(problems).Strict();
        var settings = AwsSettings.FromEnvironment(Prelude.None, endpoints);
        var transport = new AwsTransport(new HttpClient(), settings);
        var eks = new EksClient(transport);
        Func<Func<string, Option<string>>, IWorkloadClusterCredentials> workloads = roles =>
            new EksWorkloadClusterCredentials(eks, settings.Region, settings.Credentials, roles, () => DateTimeOffset.UtcNow);
        return ((IEks)eks, (ILoadBalancer)new ElasticLoadBalancingV2Client(transport), workloads);
    }

    /// <summary>Observation reads no metrics; a query would be a bug.</summary>
    private sealed class NoMetrics : IMetrics
    {
        public Task<Hotswap.Core.Children.MetricReading> QueryAsync(MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default) =>
            throw new PortException(PortErrorKind.Validation, "plan does not query metrics");
    }
}
