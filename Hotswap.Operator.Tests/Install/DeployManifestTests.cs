using System.Reflection;
using System.Text.Json.Nodes;
using static Hotswap.Operator.Tests.Install.Rendered;

namespace Hotswap.Operator.Tests.Install;

/// <summary>
/// The Deployment as a platform team running production traffic expects it: two replicas with
/// leader election, the pod's name and namespace from the downward API, probes on the endpoints
/// <c>hotswap run</c> serves, resources sized for the idle target, the restricted Pod Security
/// profile, a writable /tmp on a read-only root; a PodDisruptionBudget and a metrics Service that
/// select its pods; only flags <c>hotswap run</c> has.
/// </summary>
public sealed class DeployManifestTests
{
    private static readonly IReadOnlyList<JsonObject> Objects = Base();

    /// <summary>The flags of <c>hotswap run</c>, fixed in issue 12 (the host is built from the same list).</summary>
    private static readonly string[] RunFlags =
    [
        "--kubeconfig", "--context", "--namespace", "-n", "--argocd-namespace", "--aws-region", "--prometheus-url",
        "--prometheus-bearer-token-file", "--prometheus-ca-file", "--datadog-site", "--datadog-secret", "--workers", "--resync-period", "--leader-elect",
        "--leader-election-namespace", "--leader-election-id", "--lease-duration", "--renew-deadline",
        "--retry-period", "--metrics-bind-address", "--health-probe-bind-address", "--dry-run", "--log-format", "--log-level",
    ];

    private static JsonObject Env(string name) =>
        (JsonObject)Container(Objects)["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == name)!;

    private static long Quantity(string q) => q switch
    {
        _ when q.EndsWith("Mi", StringComparison.Ordinal) => long.Parse(q[..^2]) * 1024 * 1024,
        _ when q.EndsWith("Gi", StringComparison.Ordinal) => long.Parse(q[..^2]) * 1024 * 1024 * 1024,
        _ when q.EndsWith('m') => long.Parse(q[..^1]),
        _ => long.Parse(q) * 1000,
    };

    [Fact]
    public void Two_replicas_elect_a_leader_and_know_their_pod_name_and_namespace()
    {
        Assert.Equal(2, Deployment(Objects)["spec"]!["replicas"]!.GetValue<int>());
        var args = Strings(Container(Objects)["args"]).ToList();
        Assert.Equal("run", args[0]);
        Assert.Contains("--leader-elect=true", args);
        Assert.Equal("metadata.name", Env("POD_NAME")["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal("metadata.namespace", Env("POD_NAMESPACE")["valueFrom"]!["fieldRef"]!["fieldPath"]!.GetValue<string>());
        Assert.Equal(0, Deployment(Objects)["spec"]!["strategy"]!["rollingUpdate"]!["maxUnavailable"]!.GetValue<int>());
    }

    [Fact]
    public void Every_argument_is_a_flag_hotswap_run_has()
    {
        var flags = Strings(Container(Objects)["args"]).Skip(1).Select(a => a.Split('=')[0]);
        Assert.All(flags, f => Assert.Contains(f, RunFlags));
    }

    [Fact]
    public void Probes_and_ports_are_the_ones_hotswap_run_serves()
    {
        var c = Container(Objects);
        var args = Strings(c["args"]).ToList();
        Assert.Contains("--metrics-bind-address=:8080", args);
        Assert.Contains("--health-probe-bind-address=:8081", args);
        var ports = c["ports"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["containerPort"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["metrics"] = 8080, ["health"] = 8081 }, ports);
        Assert.Equal(("/healthz", "health"), (c["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), c["livenessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
        Assert.Equal(("/readyz", "health"), (c["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>(), c["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>()));
    }

    /// <summary>The idle target is 150 MB: the request covers it, the limit leaves room for large Systems.</summary>
    [Fact]
    public void Requests_cover_the_idle_target_and_limits_leave_headroom()
    {
        var resources = Container(Objects)["resources"]!;
        long Get(string kind, string what) => Quantity(resources[kind]![what]!.GetValue<string>());
        Assert.InRange(Get("requests", "memory"), 150L * 1000 * 1000, Get("limits", "memory") / 2);
        Assert.True(Get("requests", "cpu") > 0 && Get("limits", "cpu") >= Get("requests", "cpu"));
        Assert.Equal("0", Env("DOTNET_gcServer")["value"]!.GetValue<string>());
        // What keeps an idle replica under the target (docs/benchmarks.md); the end-to-end suite runs its replicas with them.
        Assert.Equal("0x400000", Env("DOTNET_GCgen0size")["value"]!.GetValue<string>());
        Assert.Equal("0", Env("DOTNET_TieredPGO")["value"]!.GetValue<string>());
    }

    /// <summary>Kubernetes' "restricted" Pod Security Standard, which the namespace enforces.</summary>
    [Fact]
    public void The_pod_meets_the_restricted_pod_security_standard_with_a_read_only_root()
    {
        var pod = PodSpec(Objects);
        var c = Container(Objects)["securityContext"]!;
        Assert.True(pod["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.True(c["runAsNonRoot"]!.GetValue<bool>());
        Assert.NotEqual(0, c["runAsUser"]!.GetValue<int>());
        Assert.False(c["allowPrivilegeEscalation"]!.GetValue<bool>());
        Assert.True(c["readOnlyRootFilesystem"]!.GetValue<bool>());
        Assert.Equal(["ALL"], Strings(c["capabilities"]!["drop"]));
        Assert.Null(c["capabilities"]!["add"]);
        Assert.Equal("RuntimeDefault", pod["securityContext"]!["seccompProfile"]!["type"]!.GetValue<string>());
        Assert.Null(pod["hostNetwork"]);
        Assert.Equal("restricted", One(Objects, "Namespace", "hotswap-system")["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>());

        var mount = Assert.Single(Container(Objects)["volumeMounts"]!.AsArray())!;
        Assert.Equal("/tmp", mount["mountPath"]!.GetValue<string>());
        var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == mount["name"]!.GetValue<string>())!;
        Assert.NotNull(volume["emptyDir"]);
    }

    [Fact]
    public void Shutdown_has_30_seconds_and_replicas_spread_across_nodes()
    {
        var pod = PodSpec(Objects);
        Assert.Equal(30, pod["terminationGracePeriodSeconds"]!.GetValue<int>());
        var spread = pod["topologySpreadConstraints"]!.AsArray();
        var byHost = spread.Single(s => s!["topologyKey"]!.GetValue<string>() == "kubernetes.io/hostname")!;
        Assert.True(JsonNode.DeepEquals(Deployment(Objects)["spec"]!["selector"]!["matchLabels"], byHost["labelSelector"]!["matchLabels"]));
    }

    [Fact]
    public void The_disruption_budget_and_the_metrics_service_select_the_operator_s_pods()
    {
        var podLabels = Deployment(Objects)["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        var selector = Deployment(Objects)["spec"]!["selector"]!["matchLabels"]!.AsObject();
        Assert.All(selector, kv => Assert.Equal(kv.Value!.GetValue<string>(), podLabels[kv.Key]!.GetValue<string>()));

        var pdb = One(Objects, "PodDisruptionBudget", "hotswap");
        Assert.Equal(1, pdb["spec"]!["minAvailable"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(selector, pdb["spec"]!["selector"]!["matchLabels"]));

        var service = One(Objects, "Service", "hotswap-metrics");
        Assert.True(JsonNode.DeepEquals(selector, service["spec"]!["selector"]));
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray())!;
        Assert.Equal(("metrics", 8080, "metrics"), (port["name"]!.GetValue<string>(), port["port"]!.GetValue<int>(), port["targetPort"]!.GetValue<string>()));
    }

    [Fact]
    public void The_service_account_carries_a_placeholder_IRSA_role_to_replace()
    {
        var sa = One(Objects, "ServiceAccount", "hotswap");
        Assert.Matches(@"^arn:aws:iam::\d{12}:role/hotswap-operator$", sa["metadata"]!["annotations"]!["eks.amazonaws.com/role-arn"]!.GetValue<string>());
    }

    /// <summary>The base's image is the release this executable is: ghcr.io/mumoshu/hotswap:VERSION.</summary>
    [Fact]
    public void The_default_image_tag_is_the_package_version()
    {
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.Equal($"ghcr.io/mumoshu/hotswap:{version}", Container(Objects)["image"]!.GetValue<string>());
    }

    /// <summary>Every namespaced object of the base sits in hotswap-system, except ArgoCD's Role and its binding.</summary>
    [Fact]
    public void Everything_lives_in_the_operator_namespace_except_the_argocd_role()
    {
        var elsewhere = Objects.Where(o => Namespace(o) is { } ns && ns != "hotswap-system").Select(Id).Order(StringComparer.Ordinal);
        Assert.Equal(["Role/argocd/hotswap-argocd", "RoleBinding/argocd/hotswap-argocd"], elsewhere);
        Assert.Equal("Namespace", Objects[0]["kind"]!.GetValue<string>());
    }
}
