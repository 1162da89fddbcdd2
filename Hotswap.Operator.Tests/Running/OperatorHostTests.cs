using System.Net;
using Hotswap.Operator.Cli;
using Hotswap.Operator.Hosting;
using Hotswap.Testing.KubeApi;
using Hotswap.Testing.Metrics;
using k8s;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// <c>hotswap run</c> in-process against the test API server with a fake controller: /healthz,
/// /readyz (caches synced and the API answering), /metrics, stopping as SIGTERM does (command in
/// flight finished, lease released, exit 0), bad start-up values, and no secret in /metrics or the logs.
/// </summary>
public sealed class OperatorHostTests : IAsyncLifetime
{
    private const string DatadogKey = "dd-api-0123456789abcdef-secret";
    private const string DatadogAppKey = "dd-app-fedcba9876543210-secret";
    private const string PrometheusToken = "prom-bearer-t0ken-secret";

    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-run-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private KubeApiServer server = null!;

    public async Task InitializeAsync() => server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        http.Dispose();
        Directory.Delete(dir, true);
    }

    /// <summary>A run in progress: its host once listening, its logs, its exit code.</summary>
    private sealed record Running(OperatorHost Host, StringWriter Logs, Task<int> Exit, FakeController Controller);

    private async Task<Running> StartAsync(FakeController controller, IReadOnlyDictionary<string, string?>? environment = null,
        Action<ControllerInputs>? inputs = null, params string[] flags)
    {
        var given = new Dictionary<string, IReadOnlyList<string>>
        {
            ["--kubeconfig"] = [server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"))],
            ["--metrics-bind-address"] = ["127.0.0.1:0"],
            ["--health-probe-bind-address"] = ["127.0.0.1:0"],
            ["--leader-election-namespace"] = [ControlPlane.Namespace],
            ["--lease-duration"] = ["4s"], ["--renew-deadline"] = ["3s"], ["--retry-period"] = ["250ms"],
        };
        for (var i = 0; i + 1 < flags.Length; i += 2) given[flags[i]] = [flags[i + 1]];
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["POD_NAME"] = "hotswap-0" };
        var logs = new StringWriter();
        var started = new TaskCompletionSource<OperatorHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        var exit = Task.Run(() => RunCommand.RunAsync(given, n => env.TryGetValue(n, out var v) ? v : null,
            i =>
            {
                inputs?.Invoke(i);
                return controller;
            },
            TextWriter.Synchronized(logs), handleSignals: false, CancellationToken.None, started.SetResult));
        var first = await Task.WhenAny(started.Task, exit).WaitAsync(TimeSpan.FromSeconds(30));
        if (first == exit) throw new Xunit.Sdk.XunitException($"run exited {await exit}:\n{logs}");
        return new Running(await started.Task, logs, exit, controller);
    }

    private async Task<(HttpStatusCode Status, string Body)> Get(Uri? baseUrl, string path)
    {
        Assert.NotNull(baseUrl);
        using var response = await http.GetAsync(new Uri(baseUrl, path));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_at_once_and_readyz_once_the_caches_synced_and_while_the_API_server_answers()
    {
        var run = await StartAsync(new FakeController(syncAtOnce: false), flags: ["--leader-elect", "false"]);

        var health = await Get(run.Host.HealthUrl, "/healthz");
        var notSynced = await Get(run.Host.HealthUrl, "/readyz");
        run.Controller.Sync();
        var ready = await Get(run.Host.HealthUrl, "/readyz");
        await server.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var apiGone = await Get(run.Host.HealthUrl, "/readyz");
        var metricsOnHealthPort = await Get(run.Host.HealthUrl, "/metrics");
        run.Host.Stop();
        server = await KubeApiServer.StartAsync();

        Assert.Equal((HttpStatusCode.OK, "ok\n"), health);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notSynced.Status);
        Assert.Contains("[-]caches failed: not synced yet", notSynced.Body);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Contains("[+]caches ok\n[+]apiserver ok", ready.Body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, apiGone.Status);
        Assert.Contains("[-]apiserver failed", apiGone.Body);
        Assert.Equal(HttpStatusCode.NotFound, metricsOnHealthPort.Status);
        Assert.Equal(0, await run.Exit.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_taken_port_ends_the_run_with_exit_1_naming_the_address_after_stopping_the_workers_and_caches()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        // Without leader election the workers start with the caches, before the listeners; the command in flight takes 1 s.
        var controller = new FakeController { InFlight = TimeSpan.FromSeconds(1) };
        var given = new Dictionary<string, IReadOnlyList<string>>
        {
            ["--kubeconfig"] = [server.WriteKubeconfig(Path.Combine(dir, "kubeconfig"))],
            ["--metrics-bind-address"] = [$"127.0.0.1:{port}"],
            ["--health-probe-bind-address"] = ["127.0.0.1:0"],
            ["--leader-elect"] = ["false"],
        };
        var logs = new StringWriter();

        var exit = await RunCommand.RunAsync(given, n => n == "POD_NAME" ? "hotswap-0" : null, _ => controller,
            TextWriter.Synchronized(logs), handleSignals: false, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exit);
        Assert.Contains($"\"msg\":\"Could not listen\",\"error\":\"Failed to bind to address http://127.0.0.1:{port}: address already in use.\"", logs.ToString());
        // What started before the listeners is stopped before the run returns and disposes the Kubernetes client:
        // the workers finished their command in flight, and the caches were stopped after them.
        Assert.Equal(1, controller.Terms);
        Assert.Equal(1, controller.FinishedCommands);
        Assert.False(controller.Working);
        Assert.True(controller.CachesToken.IsCancellationRequested, "the caches still run after the failed start");
    }

    [Fact]
    public async Task Metrics_show_leadership_and_the_API_requests_counted_on_the_wire()
    {
        var run = await StartAsync(new FakeController(), flags: ["--leader-elect", "false"]);
        await run.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(10));
        await Get(run.Host.HealthUrl, "/readyz");

        var (status, text) = await Get(run.Host.MetricsUrl, "/metrics");
        var healthOnMetricsPort = await Get(run.Host.MetricsUrl, "/healthz");
        run.Host.Stop();
        await run.Exit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\nhotswap_leader 1\n", text);
        Assert.Contains("hotswap_kubernetes_requests_total{operation=\"get /version\",result=\"ok\"} 1", text);
        Assert.Contains("\nprocess_working_set_bytes ", text);
        Assert.Equal(HttpStatusCode.NotFound, healthOnMetricsPort.Status);
        // Both asked for port 0: the log says which port each got and what it serves (the e2e replicas find their ports so).
        Assert.Contains($"\"msg\":\"Started listening\",\"address\":\"http://127.0.0.1:{run.Host.MetricsUrl!.Port}\",\"serves\":\"/metrics\"", run.Logs.ToString());
        Assert.Contains($"\"msg\":\"Started listening\",\"address\":\"http://127.0.0.1:{run.Host.HealthUrl!.Port}\",\"serves\":\"/healthz /livez /readyz\"", run.Logs.ToString());
    }

    [Fact]
    public async Task Stopping_as_SIGTERM_does_finishes_the_command_in_flight_releases_the_lease_and_exits_0()
    {
        var run = await StartAsync(new FakeController { InFlight = TimeSpan.FromSeconds(1) });
        await run.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(15));
        var leading = await Get(run.Host.MetricsUrl, "/metrics");

        run.Host.Stop();
        var exit = await run.Exit.WaitAsync(OperatorHost.ShutdownTimeout);
        var lease = await ControlPlane.Client(server).CoordinationV1.ReadNamespacedLeaseAsync("hotswap-operator", ControlPlane.Namespace);

        Assert.Equal(0, exit);
        Assert.Contains("\nhotswap_leader 1\n", leading.Body);
        Assert.Equal(1, run.Controller.FinishedCommands);
        Assert.True(run.Controller.CachesToken.IsCancellationRequested);
        Assert.Equal("", lease.Spec.HolderIdentity);
        var lines = run.Logs.ToString();
        Assert.Contains("\"msg\":\"Became leader\",\"lease\":\"team-a/hotswap-operator\",\"identity\":\"hotswap-0\"", lines);
        Assert.Contains("\"msg\":\"Released lease\"", lines);
        Assert.Contains("\"msg\":\"Stopped operator\"", lines);
    }

    [Fact]
    public async Task No_secret_appears_in_metrics_or_logs()
    {
        var tokenFile = Path.Combine(dir, "token");
        await File.WriteAllTextAsync(tokenFile, PrometheusToken + "\n");
        await using var prometheus = await LoopbackServer.StartAsync(async ctx =>
        {
            ctx.Response.StatusCode = ctx.Request.Headers.Authorization == $"Bearer {PrometheusToken}" ? 500 : 401;
            await ctx.Response.WriteAsync($"refused: {ctx.Request.Headers.Authorization}");
        });
        await using var datadog = await DatadogFake.StartAsync();
        ControllerInputs? composed = null;
        var run = await StartAsync(new FakeController(), new Dictionary<string, string?> { ["DD_API_KEY"] = DatadogKey, ["DD_APP_KEY"] = DatadogAppKey },
            i => composed = i,
            "--prometheus-url", prometheus.Url.ToString(), "--prometheus-bearer-token-file", tokenFile,
            "--datadog-site", datadog.Url.ToString(), "--log-level", "debug", "--leader-elect", "false");
        await run.Controller.WorkersStarted.WaitAsync(TimeSpan.FromSeconds(10));
        // The ports the controller gets carry the secrets to the providers (and the providers echo them back in errors).
        var fromPrometheus = await composed!.Metrics.QueryAsync(Core.Spec.MetricProvider.Prometheus, "up", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var fromDatadog = await composed.Metrics.QueryAsync(Core.Spec.MetricProvider.Datadog, "avg:x{*}", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        composed.Observer.Watch("systems", "failed", fromPrometheus.ToString());
        var metrics = (await Get(run.Host.MetricsUrl, "/metrics")).Body;
        run.Host.Stop();
        await run.Exit.WaitAsync(TimeSpan.FromSeconds(30));
        var logs = run.Logs.ToString();

        Assert.NotEmpty(datadog.Requests);
        Assert.Contains("Starting operator", logs);
        Assert.Contains("auth = bearer", logs);
        Assert.Contains("keys from DD_API_KEY/DD_APP_KEY", logs);
        Assert.IsType<Core.Children.MetricReading.ProviderError>(fromPrometheus);
        Assert.NotNull(fromDatadog);
        foreach (var secret in new[] { DatadogKey, DatadogAppKey, PrometheusToken })
        {
            Assert.DoesNotContain(secret, logs);
            Assert.DoesNotContain(secret, metrics);
        }
    }

    [Fact]
    public async Task Bad_values_fail_at_start_with_one_line_each_and_exit_1()
    {
        var error = new StringWriter();

        var exit = await RunCommand.RunAsync(
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["--kubeconfig"] = [Path.Combine(dir, "missing")], ["--resync-period"] = ["ten minutes"],
            },
            n => n == "AWS_ENDPOINT_URL" ? "localhost:5000" : null, _ => new FakeController(), TextWriter.Null, false,
            CancellationToken.None, errorOutput: error);

        Assert.Equal(1, exit);
        Assert.Equal(new[]
        {
            "--resync-period: \"ten minutes\" is not a duration such as 30s, 1m30s or 10m (more than 0)",
            "AWS_ENDPOINT_URL: \"localhost:5000\" is not an http(s) URL such as http://127.0.0.1:5000",
            $"--kubeconfig: cannot read {dir}/missing (from --kubeconfig): no such file",
        }, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
