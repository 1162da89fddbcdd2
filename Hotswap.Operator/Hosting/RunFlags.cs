namespace Hotswap.Operator.Hosting;

/// <summary>
/// Every flag of <c>hotswap run</c>. The names are fixed: the install manifests and the end-to-end
/// tests use them. The help and docs/operating.md's table are made from (or checked against) this list.
/// </summary>
public static class RunFlags
{
    public static readonly RunFlag Kubeconfig = new("--kubeconfig", null, "FILE",
        "$KUBECONFIG, else in-cluster when KUBERNETES_SERVICE_HOST is set, else ~/.kube/config",
        "The control-plane cluster's kubeconfig", RunFlagKind.Value);
    public static readonly RunFlag Context = new("--context", null, "NAME", "the kubeconfig's current context",
        "kubeconfig context", RunFlagKind.Value);
    public static readonly RunFlag Namespace = new("--namespace", "-n", "NS", "all namespaces",
        "A namespace whose Systems to reconcile (repeatable)", RunFlagKind.Repeated);
    public static readonly RunFlag ArgoNamespace = new("--argocd-namespace", null, "NS", "argocd",
        "Where ArgoCD keeps cluster secrets, Applications and ApplicationSets", RunFlagKind.Value);
    public static readonly RunFlag AwsRegion = new("--aws-region", null, "REGION", "the AWS SDKs' region chain (AWS_REGION, profile, IMDS)",
        "AWS region of the EKS clusters and load balancers", RunFlagKind.Value);
    public static readonly RunFlag AwsEndpointUrl = new("--aws-endpoint-url", null, "URL",
        "AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else the region's public endpoints",
        "Endpoint of every AWS service called (ELBv2, EKS, STS): a proxy or an emulator", RunFlagKind.Value);
    public static readonly RunFlag PrometheusUrl = new("--prometheus-url", null, "URL", "none",
        "Prometheus base URL for checks with provider prometheus", RunFlagKind.Value);
    public static readonly RunFlag PrometheusBearerTokenFile = new("--prometheus-bearer-token-file", null, "FILE", "none",
        "A file holding the bearer token sent to Prometheus (read at start)", RunFlagKind.Value);
    public static readonly RunFlag PrometheusCaFile = new("--prometheus-ca-file", null, "FILE", "the system's roots",
        "PEM file of the CA that signed Prometheus's certificate", RunFlagKind.Value);
    public static readonly RunFlag DatadogSite = new("--datadog-site", null, "SITE", "datadoghq.com",
        "Datadog site (datadoghq.eu, us3.datadoghq.com, ...) or a full API base URL", RunFlagKind.Value);
    public static readonly RunFlag DatadogSecret = new("--datadog-secret", null, "NAMESPACE/NAME", "none (DD_API_KEY and DD_APP_KEY)",
        "A Secret with keys api-key and app-key, read at start", RunFlagKind.Value);
    public static readonly RunFlag Workers = new("--workers", null, "N", "4",
        "Reconciles running at once (never two of one object)", RunFlagKind.Value);
    public static readonly RunFlag ResyncPeriod = new("--resync-period", null, "DURATION", "10m",
        "Every object is reconciled again this often", RunFlagKind.Value);
    public static readonly RunFlag LeaderElect = new("--leader-elect", null, "BOOL", "true",
        "Run workers only while holding the Lease (false: run them at once)", RunFlagKind.Switch);
    public static readonly RunFlag LeaderElectionNamespace = new("--leader-election-namespace", null, "NS", "$POD_NAMESPACE, else hotswap-system",
        "Namespace of the leader-election Lease", RunFlagKind.Value);
    public static readonly RunFlag LeaderElectionId = new("--leader-election-id", null, "NAME", "hotswap-operator",
        "Name of the leader-election Lease", RunFlagKind.Value);
    public static readonly RunFlag LeaseDuration = new("--lease-duration", null, "DURATION", "15s",
        "How long a lease not renewed holds before another replica may take it", RunFlagKind.Value);
    public static readonly RunFlag RenewDeadline = new("--renew-deadline", null, "DURATION", "10s",
        "How long the leader keeps trying to renew before it stops its workers", RunFlagKind.Value);
    public static readonly RunFlag RetryPeriod = new("--retry-period", null, "DURATION", "2s",
        "How often electors try to take or renew the lease", RunFlagKind.Value);
    public static readonly RunFlag MetricsBindAddress = new("--metrics-bind-address", null, "ADDRESS", ":8080",
        "Where /metrics listens (host:port, :port; 0 disables)", RunFlagKind.Value);
    public static readonly RunFlag HealthProbeBindAddress = new("--health-probe-bind-address", null, "ADDRESS", ":8081",
        "Where /healthz and /readyz listen (host:port, :port; 0 disables)", RunFlagKind.Value);
    public static readonly RunFlag DryRun = new("--dry-run", null, "BOOL", "false",
        "Observe and plan, log every decision, execute nothing", RunFlagKind.Switch);
    public static readonly RunFlag LogFormat = new("--log-format", null, "json|text", "json",
        "Log line format", RunFlagKind.Value);
    public static readonly RunFlag LogLevel = new("--log-level", null, "LEVEL", "info",
        "debug, info, warn or error", RunFlagKind.Value);

    public static readonly IReadOnlyList<RunFlag> All =
    [
        Kubeconfig, Context, Namespace, ArgoNamespace, AwsRegion, AwsEndpointUrl, PrometheusUrl, PrometheusBearerTokenFile, PrometheusCaFile,
        DatadogSite, DatadogSecret, Workers, ResyncPeriod, LeaderElect, LeaderElectionNamespace, LeaderElectionId,
        LeaseDuration, RenewDeadline, RetryPeriod, MetricsBindAddress, HealthProbeBindAddress, DryRun, LogFormat, LogLevel,
    ];
}
