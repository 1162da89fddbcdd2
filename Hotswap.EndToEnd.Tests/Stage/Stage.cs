using System.Text.Json.Nodes;
using Hotswap.Testing.Aws;
using Hotswap.Testing.KubeApi;
using Hotswap.Testing.Metrics;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// Everything <c>hotswap run</c> talks to, started once per test class (an xunit class fixture):
/// the test Kubernetes API server with hotswap's CRDs from deploy/crds and ArgoCD's and the load
/// balancer controller's, recording every request with its sender (<see cref="Kube"/>); the
/// ArgoCD and Job stand-ins; moto behind a recorder that keeps every AWS call in order
/// (<see cref="Aws"/>); a real Prometheus scraping a gauge the test sets every second.
/// Tests take a <see cref="Scene"/> each (their own namespace, ALB, EKS clusters and metric series,
/// so they do not disturb each other) and start replicas with <see cref="StartReplicaAsync"/>.
/// Every process is killed on dispose, also when a test failed.
/// </summary>
public sealed class Stage : IAsyncLifetime
{
    /// <summary>Where replicas keep their leader-election Lease.</summary>
    public const string LeaseNamespace = "hotswap-system";

    /// <summary>The bearer token (user) of the hotswap CLI the tests run.</summary>
    public const string CliUser = "hotswap-cli";

    private readonly List<Replica> replicas = [];
    private readonly List<Scene> scenes = [];
    private KubeApiServer? api;
    private ArgoCDStandIn? argo;
    private JobStandIn? jobs;
    private MotoServer? moto;
    private AwsRecorder? aws;
    private PrometheusServer? prometheus;

    /// <summary>A folder for kubeconfigs and transcripts; removed on dispose.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("hotswap-e2e-").FullName;

    public KubeApiServer Api => api ?? throw NotStarted();

    /// <summary>Every HTTP request the API server answered, with its sender.</summary>
    public KubeRequestLog Kube { get; } = new();

    /// <summary>ArgoCD's stand-in: Applications for the ApplicationSets' selected cluster secrets, Synced and Healthy.</summary>
    public ArgoCDStandIn Argo => argo ?? throw NotStarted();

    /// <summary>The Job controller's stand-in: every Job completes.</summary>
    public JobStandIn Jobs => jobs ?? throw NotStarted();

    public MotoServer Moto => moto ?? throw NotStarted();

    /// <summary>The recorder in front of moto, where replicas send their AWS calls.</summary>
    public AwsRecorder Aws => aws ?? throw NotStarted();

    public PrometheusServer Prometheus => prometheus ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        foreach (var program in new[] { "moto_server", "prometheus", "python3" })
            if (Peer.Find(program) is null) throw new InvalidOperationException($"{program} is not on PATH; the end-to-end suite needs it (.ci/run installs it)");
        if (!File.Exists(Dotnet.Hotswap)) throw new InvalidOperationException($"{Dotnet.Hotswap} is missing: build Hotswap.EndToEnd.Tests (it references the Operator project)");
        var motoStarting = MotoServer.StartAsync();
        var prometheusStarting = PrometheusServer.StartAsync();
        api = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared, authorize: Kube.Record);
        api.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = LeaseNamespace } });
        foreach (var set in ApplicationSets()) api.Apply(set);
        argo = ArgoCDStandIn.Start(api, ControlPlane.ArgoNamespace);
        jobs = JobStandIn.Start(api);
        moto = await motoStarting;
        aws = await AwsRecorder.StartAsync(moto.Url);
        prometheus = await prometheusStarting;
    }

    /// <summary>
    /// A scene for one test: namespace <paramref name="name"/>, an ALB named after it with web's and
    /// api's rules as the platform team left them for v1, six EKS clusters named
    /// "<paramref name="clusterPrefix"/>-…" (default: the name; "mycluster" gives the example's
    /// names), targets registered in every target group, and its error-ratio series at 0.001.
    /// </summary>
    public async Task<Scene> NewSceneAsync(string name, string? clusterPrefix = null)
    {
        var scene = await Scene.CreateAsync(this, name, clusterPrefix ?? name);
        lock (scenes) scenes.Add(scene);
        return scene;
    }

    /// <summary>
    /// Starts <c>hotswap run</c> as a separate process with <paramref name="options"/> and waits
    /// until it is ready (/readyz 200). It talks to the API server as user <c>options.Name</c>, to
    /// moto through <see cref="Aws"/> with its own access key id, and to Prometheus.
    /// </summary>
    public async Task<Replica> StartReplicaAsync(ReplicaOptions options)
    {
        var replica = NewReplica(options);
        await replica.StartAsync();
        return replica;
    }

    /// <summary>A replica not started yet (start it with <see cref="Replica.Start"/> or <see cref="Replica.StartAsync"/>).</summary>
    public Replica NewReplica(ReplicaOptions options)
    {
        var kubeconfig = WriteKubeconfig(options.Name, "default");
        var accessKeyId = AccessKeyIdOf(options.Name);
        var environment = new Dictionary<string, string>
        {
            ["POD_NAME"] = options.Name,
            ["AWS_ACCESS_KEY_ID"] = accessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = MotoServer.SecretKey,
            ["AWS_REGION"] = MotoServer.Region,
            ["AWS_DEFAULT_REGION"] = MotoServer.Region,
            ["AWS_CONFIG_FILE"] = "/dev/null",
            ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_ENDPOINT_URL"] = Aws.Url.ToString().TrimEnd('/'),
        };
        foreach (var (name, value) in DeploymentRuntime.Environment) environment[name] = value;
        var replica = new Replica(options, kubeconfig, accessKeyId, r => RunArguments(r, kubeconfig), environment);
        lock (replicas) replicas.Add(replica);
        return replica;
    }

    /// <summary>"AKIAE2E" and the name in capitals and digits, padded: an access key id moto accepts, unique per replica name.</summary>
    public static string AccessKeyIdOf(string replica)
    {
        var letters = new string([.. replica.ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return ("AKIAE2E" + letters + "XXXXXXXXXXXXX")[..20];
    }

    private IReadOnlyList<string> RunArguments(Replica replica, string kubeconfig)
    {
        var o = replica.Options;
        static string Seconds(TimeSpan t) => $"{(int)Math.Ceiling(t.TotalSeconds)}s";
        List<string> args =
        [
            "run",
            "--kubeconfig", kubeconfig,
            "--argocd-namespace", ControlPlane.ArgoNamespace,
            "--aws-region", MotoServer.Region,
            "--prometheus-url", Prometheus.Url.ToString(),
            "--workers", o.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--resync-period", $"{(int)o.ResyncPeriod.TotalMilliseconds}ms",
            $"--leader-elect={(o.LeaderElect ? "true" : "false")}",
            "--leader-election-namespace", LeaseNamespace,
            "--leader-election-id", o.LeaseName,
            "--lease-duration", Seconds(o.Election.Lease),
            "--renew-deadline", Seconds(o.Election.Renew),
            "--retry-period", $"{(int)o.Election.Retry.TotalMilliseconds}ms",
            // Port 0: the replica's log says which ports it got (Replica reads them), so no other process can take them first.
            "--metrics-bind-address", "127.0.0.1:0",
            "--health-probe-bind-address", "127.0.0.1:0",
            "--log-format", "json",
        ];
        foreach (var ns in o.Namespaces) args.AddRange(["--namespace", ns]);
        args.AddRange(o.ExtraArguments);
        return args;
    }

    /// <summary>Writes a kubeconfig for the API server whose user (bearer token) is <paramref name="user"/>; returns its path.</summary>
    public string WriteKubeconfig(string user, string @namespace)
    {
        var path = Path.Combine(Directory, $"{user}-{@namespace}.kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: e2e
              cluster:
                server: {Api.Url}
            users:
            - name: {user}
              user:
                token: {user}
            contexts:
            - name: e2e
              context:
                cluster: e2e
                user: {user}
                namespace: {@namespace}
            current-context: e2e
            """);
        return path;
    }

    /// <summary>The ApplicationSets the example's applications choose: web by name, api and backgroundjobs by label.</summary>
    private static IEnumerable<JsonObject> ApplicationSets() => ControlPlane.ReferenceApplicationSets();

    private static InvalidOperationException NotStarted() => new("the stage is not started");

    public async Task DisposeAsync()
    {
        foreach (var r in replicas) await r.DisposeAsync();
        if (jobs is not null) await jobs.DisposeAsync();
        if (argo is not null) await argo.DisposeAsync();
        if (api is not null) await api.DisposeAsync();
        if (aws is not null) await aws.DisposeAsync();
        if (moto is not null) await moto.DisposeAsync();
        if (prometheus is not null) await prometheus.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
