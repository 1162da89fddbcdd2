using Hotswap.Operator.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Tests;

/// <summary><c>hotswap run</c>'s flags and HOTSWAP_* variables: defaults, precedence, and one clear line per bad value.</summary>
public sealed class RunSettingsTests
{
    private static readonly Dictionary<string, string?> NoEnvironment = new() { ["HOME"] = "/home/op" };

    private static (RunSettings? Settings, IReadOnlyList<string> Errors) Parse(
        IDictionary<string, string?>? environment = null, params (string Flag, string Value)[] flags)
    {
        var given = flags.GroupBy(f => f.Flag).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(f => f.Value).ToList());
        var env = environment ?? NoEnvironment;
        var settings = RunSettings.Parse(given, name => env.TryGetValue(name, out var v) ? v : null, out var errors);
        return (settings, errors);
    }

    private static RunSettings Valid(IDictionary<string, string?>? environment = null, params (string, string)[] flags)
    {
        var (settings, errors) = Parse(environment, flags);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return settings!;
    }

    [Fact]
    public void Defaults_are_those_the_install_manifests_rely_on()
    {
        var s = Valid();

        Assert.Empty(s.Namespaces);
        Assert.Equal("argocd", s.ArgoNamespace);
        Assert.Equal(4, s.Workers);
        Assert.Equal(TimeSpan.FromMinutes(10), s.ResyncPeriod);
        Assert.Equal(new LeaderElectionSettings(true, "hotswap-system", "hotswap-operator",
            TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2)), s.LeaderElection);
        Assert.Equal(new BindAddress("", 8080), s.MetricsAddress);
        Assert.Equal(new BindAddress("", 8081), s.HealthAddress);
        Assert.False(s.DryRun);
        Assert.Equal(LogFormat.Json, s.LogFormat);
        Assert.Equal(LogLevel.Information, s.LogLevel);
        Assert.Equal("datadoghq.com", s.DatadogSite);
        Assert.Null(s.DatadogSecret);
        Assert.Null(s.PrometheusUrl);
        Assert.Equal(new[] { "/home/op/.kube/config" }, s.Kubeconfig.Files);
    }

    [Theory]
    [InlineData("--workers", "HOTSWAP_WORKERS")]
    [InlineData("--resync-period", "HOTSWAP_RESYNC_PERIOD")]
    [InlineData("--leader-election-namespace", "HOTSWAP_LEADER_ELECTION_NAMESPACE")]
    [InlineData("--metrics-bind-address", "HOTSWAP_METRICS_BIND_ADDRESS")]
    [InlineData("--namespace", "HOTSWAP_NAMESPACE")]
    [InlineData("--dry-run", "HOTSWAP_DRY_RUN")]
    public void Every_flag_has_its_variable(string flag, string variable) =>
        Assert.Equal(variable, RunFlags.All.Single(f => f.Name == flag).EnvironmentVariable);

    [Fact]
    public void Variables_set_what_flags_do_not_and_flags_win()
    {
        var env = new Dictionary<string, string?>
        {
            ["HOTSWAP_WORKERS"] = "8", ["HOTSWAP_RESYNC_PERIOD"] = "1m30s", ["HOTSWAP_NAMESPACE"] = "team-a, team-b",
            ["HOTSWAP_DRY_RUN"] = "true", ["HOTSWAP_LOG_FORMAT"] = "text", ["POD_NAMESPACE"] = "ops", ["POD_NAME"] = "hotswap-7d9-x",
        };

        var fromEnv = Valid(env);
        var flagsWin = Valid(env, ("--workers", "2"), ("--namespace", "team-c"), ("--dry-run", "false"));

        Assert.Equal(8, fromEnv.Workers);
        Assert.Equal(TimeSpan.FromSeconds(90), fromEnv.ResyncPeriod);
        Assert.Equal(new[] { "team-a", "team-b" }, fromEnv.Namespaces);
        Assert.True(fromEnv.DryRun);
        Assert.Equal(LogFormat.Text, fromEnv.LogFormat);
        Assert.Equal("ops", fromEnv.LeaderElection.Namespace);
        Assert.Equal("hotswap-7d9-x", fromEnv.Identity);
        Assert.Equal(2, flagsWin.Workers);
        Assert.Equal(new[] { "team-c" }, flagsWin.Namespaces);
        Assert.False(flagsWin.DryRun);
    }

    [Fact]
    public void AWS_endpoints_are_the_flag_for_every_service_else_each_service_variable_else_AWS_ENDPOINT_URL()
    {
        var env = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:5000", ["AWS_ENDPOINT_URL_EKS"] = "https://eks.vpce.example:8443",
        };
        static Dictionary<string, string> Endpoints(RunSettings s) => s.AwsEndpoints.AsEnumerable().ToDictionary(e => e.Key, e => e.Value.ToString());

        Assert.Empty(Valid().AwsEndpoints);
        Assert.Equal(new Dictionary<string, string>
        {
            ["elasticloadbalancing"] = "http://127.0.0.1:5000/", ["eks"] = "https://eks.vpce.example:8443/", ["sts"] = "http://127.0.0.1:5000/",
        }, Endpoints(Valid(env)));
        Assert.Equal(new Dictionary<string, string>
        {
            ["elasticloadbalancing"] = "http://127.0.0.1:9000/", ["eks"] = "http://127.0.0.1:9000/", ["sts"] = "http://127.0.0.1:9000/",
        }, Endpoints(Valid(env, ("--aws-endpoint-url", "http://127.0.0.1:9000"))));
        Assert.Equal("http://127.0.0.1:7000/",
            Endpoints(Valid(new Dictionary<string, string?> { ["HOTSWAP_AWS_ENDPOINT_URL"] = "http://127.0.0.1:7000" }))["sts"]);
    }

    [Fact]
    public void Namespace_repeats_and_a_replica_without_POD_NAME_gets_host_name_and_random_suffix()
    {
        var a = Valid(null, ("--namespace", "team-a"), ("--namespace", "team-b"));
        var b = Valid();

        Assert.Equal(new[] { "team-a", "team-b" }, a.Namespaces);
        Assert.StartsWith(Environment.MachineName.ToLowerInvariant() + "_", a.Identity);
        Assert.NotEqual(a.Identity, b.Identity);
    }

    [Theory]
    [InlineData(":8080", "", 8080)]
    [InlineData("127.0.0.1:9090", "127.0.0.1", 9090)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("localhost:0", "localhost", 0)]
    public void Bind_addresses_as_controller_runtime_writes_them(string text, string host, int port) =>
        Assert.Equal(new BindAddress(host, port), Valid(null, ("--metrics-bind-address", text)).MetricsAddress);

    [Fact]
    public void Zero_disables_an_endpoint() =>
        Assert.Null(Valid(null, ("--metrics-bind-address", "0")).MetricsAddress);

    [Fact]
    public void Every_bad_value_is_one_line_naming_the_flag_and_where_it_came_from()
    {
        var env = new Dictionary<string, string?> { ["HOTSWAP_RETRY_PERIOD"] = "soon", ["AWS_ENDPOINT_URL_STS"] = "sts.internal" };

        var (settings, errors) = Parse(env,
            ("--workers", "many"), ("--aws-endpoint-url", "ftp://moto"), ("--resync-period", "10x"), ("--leader-elect", "maybe"), ("--metrics-bind-address", "eight"),
            ("--log-format", "xml"), ("--log-level", "loud"), ("--prometheus-url", "prometheus:9090"), ("--datadog-secret", "just-a-name"),
            ("--namespace", "Team_A"));

        Assert.Null(settings);
        Assert.Equal(new[]
        {
            "--workers: \"many\" is not a whole number from 1 to 1000",
            "--resync-period: \"10x\" is not a duration such as 30s, 1m30s or 10m (more than 0)",
            "--leader-elect: \"maybe\" is not true or false",
            "--retry-period: \"soon\" is not a duration such as 30s, 1m30s or 10m (more than 0) (from HOTSWAP_RETRY_PERIOD)",
            "--aws-endpoint-url: \"ftp://moto\" is not an http(s) URL such as http://127.0.0.1:5000",
            "AWS_ENDPOINT_URL_STS: \"sts.internal\" is not an http(s) URL such as https://sts.us-east-1.amazonaws.com",
            "--prometheus-url: \"prometheus:9090\" is not an http(s) URL such as http://prometheus.monitoring:9090",
            "--datadog-secret: \"just-a-name\" is not NAMESPACE/NAME",
            "--metrics-bind-address: \"eight\" is not an address such as :8080 or 127.0.0.1:8080 (0 disables)",
            "--log-format: \"xml\" is not one of json, text",
            "--log-level: \"loud\" is not one of debug, info, warn, warning, error",
            "--namespace: \"Team_A\" is not a namespace name (lower-case letters, digits and '-', at most 63)",
        }, errors);
    }

    [Theory]
    [InlineData("10s", "10s", "2s", "--lease-duration: must be longer than --renew-deadline")]
    [InlineData("15s", "2s", "2s", "--renew-deadline: must be longer than --retry-period × 1.2")]
    [InlineData("1500ms", "1s", "100ms", "--lease-duration: must be whole seconds")]
    public void Lease_durations_that_cannot_work_together_are_refused(string lease, string renew, string retry, string expected)
    {
        var (_, errors) = Parse(null, ("--lease-duration", lease), ("--renew-deadline", renew), ("--retry-period", retry));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Lease_durations_do_not_matter_without_leader_election() =>
        Valid(null, ("--leader-elect", "false"), ("--lease-duration", "1s"), ("--renew-deadline", "5s"));

    [Fact]
    public void Kubeconfig_is_the_flag_else_KUBECONFIG_else_in_cluster_else_home()
    {
        string? None(string _) => null;
        var fromFlag = KubeconfigSource.Choose("/a", n => n == "KUBECONFIG" ? "/b" : null);
        Assert.Equal(new[] { "/a" }, fromFlag.Files);
        Assert.Equal("--kubeconfig", fromFlag.Origin);
        Assert.Equal(new[] { "/h/.kube/config" }, KubeconfigSource.Choose(null, None).Files.Select(f => f.Replace(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "/h")));
        var fromEnv = KubeconfigSource.Choose(null, n => n == "KUBECONFIG" ? "/b:/c" : null);
        Assert.Equal(new[] { "/b", "/c" }, fromEnv.Files);
        Assert.True(KubeconfigSource.Choose(null, n => n == "KUBERNETES_SERVICE_HOST" ? "10.0.0.1" : null).InCluster);
        Assert.Equal(new[] { "/h/.kube/config" }, KubeconfigSource.Choose(null, n => n == "HOME" ? "/h" : null).Files);
    }

    [Fact]
    public void An_unreadable_kubeconfig_is_one_line_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("hotswap-kubeconfig-").FullName;
        try
        {
            var broken = Path.Combine(dir, "config");
            File.WriteAllText(broken, "apiVersion: v1\nkind: Config\nclusters: [oops\n");

            var missing = new KubeconfigSource([Path.Combine(dir, "missing")], false, "--kubeconfig").Load(null, out var e1);
            var unreadable = new KubeconfigSource([broken], false, "--kubeconfig").Load(null, out var e2);

            Assert.Null(missing);
            Assert.Null(unreadable);
            Assert.Equal($"--kubeconfig: cannot read {dir}/missing (from --kubeconfig): no such file", e1);
            Assert.StartsWith($"--kubeconfig: cannot use {broken} (from --kubeconfig): ", e2);
            Assert.DoesNotContain('\n', e2!);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
