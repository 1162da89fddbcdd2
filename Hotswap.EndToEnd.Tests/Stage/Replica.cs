using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// One <c>hotswap run</c> as a separate process (<c>dotnet hotswap.dll run …</c>, the Operator
/// project's build output copied beside the tests) with its own identity: a kubeconfig whose
/// bearer token is <see cref="Name"/>, and the AWS access key id <see cref="AccessKeyId"/>, so the
/// API server and moto's recorder can tell its requests from another replica's. /metrics and the
/// probes listen on 127.0.0.1 ports the process picks itself (port 0) and names in its
/// "Started listening" log lines, which is where this class learns them. <see cref="Kill"/> is kill -9;
/// <see cref="StartAsync"/> starts it again with the same identity. Killed on dispose.
/// </summary>
public sealed class Replica : IAsyncDisposable
{
    private readonly Func<Replica, IReadOnlyList<string>> arguments;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly List<string> lines = [];
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? process;
    private Uri? metricsUrl;
    private Uri? healthUrl;

    internal Replica(ReplicaOptions options, string kubeconfig, string accessKeyId,
        Func<Replica, IReadOnlyList<string>> arguments, IReadOnlyDictionary<string, string> environment)
    {
        Options = options;
        Kubeconfig = kubeconfig;
        AccessKeyId = accessKeyId;
        this.arguments = arguments;
        this.environment = environment;
    }

    public ReplicaOptions Options { get; }

    /// <summary>Its identity: POD_NAME, the Lease holder, and the user the API server records.</summary>
    public string Name => Options.Name;

    /// <summary>The access key id its AWS requests are signed with.</summary>
    public string AccessKeyId { get; }

    /// <summary>Its kubeconfig (token <see cref="Name"/>).</summary>
    public string Kubeconfig { get; }

    /// <summary>http://127.0.0.1:PORT/metrics of the current process, once it logged that it listens (after <see cref="WaitReadyAsync"/>).</summary>
    public Uri MetricsUrl => metricsUrl ?? throw new InvalidOperationException($"replica {Name} has not said where it serves /metrics yet:\n{Tail}");

    /// <summary>http://127.0.0.1:PORT/ of the current process's /healthz and /readyz, once it logged that it listens.</summary>
    public Uri HealthUrl => healthUrl ?? throw new InvalidOperationException($"replica {Name} has not said where it serves /readyz yet:\n{Tail}");

    /// <summary>How many times a process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>The OS process id of the current process, if one was started.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>True when no process runs (never started, killed, or exited).</summary>
    public bool HasExited => process is null || process.HasExited;

    /// <summary>Every line it printed (stdout and stderr, all processes), in order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    /// <summary>The last 60 lines, for failure messages.</summary>
    public string Tail => string.Join('\n', Lines.TakeLast(60));

    /// <summary>Starts a process (again, after <see cref="Kill"/>); new ports each time. Does not wait for it to be ready.</summary>
    public void Start()
    {
        if (!HasExited) throw new InvalidOperationException($"replica {Name} is running (pid {ProcessId})");
        process?.Dispose();
        lock (lines)
        {
            metricsUrl = null;
            healthUrl = null;
        }
        var info = new ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dotnet.Hotswap);
        foreach (var a in arguments(this)) info.ArgumentList.Add(a);
        foreach (var key in new[] { "KUBECONFIG", "AWS_PROFILE", "AWS_SESSION_TOKEN" }) info.Environment.Remove(key);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var started = new Process { StartInfo = info };
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        Starts++;
        Keep($"[e2e] started {Name} as pid {started.Id} (start {Starts})");
    }

    /// <summary>Starts a process and waits until /readyz answers 200 (caches synced, API server answering).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        Start();
        await WaitReadyAsync(timeout);
    }

    /// <summary>Waits until /readyz answers 200; fails with its output if it exits or takes longer than <paramref name="timeout"/> (default 60 s).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (HasExited) throw new InvalidOperationException($"replica {Name} exited ({process?.ExitCode}):\n{Tail}");
            Uri? health, metrics;
            lock (lines) (health, metrics) = (healthUrl, metricsUrl);
            try
            {
                if (health is not null && metrics is not null)
                {
                    using var response = await http.GetAsync(new Uri(health, "readyz"));
                    if (response.IsSuccessStatusCode) return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"replica {Name} was not ready within {limit.TotalSeconds} s:\n{Tail}");
    }

    /// <summary>kill -9: the process ends at once, nothing released, nothing flushed.</summary>
    public void Kill()
    {
        if (HasExited) return;
        process!.Kill();
        process.WaitForExit(10_000);
        Keep($"[e2e] killed {Name} (pid {process.Id}) with SIGKILL");
    }

    /// <summary>SIGTERM, as the kubelet stops a pod; waits up to <paramref name="grace"/> for the exit and returns the exit code (null if it did not exit).</summary>
    public async Task<int?> TerminateAsync(TimeSpan grace)
    {
        if (HasExited) return process?.ExitCode;
        _ = SendSignal(process!.Id, 15);
        using var cancel = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>The /metrics page as it is now.</summary>
    public Task<string> ScrapeAsync() => http.GetStringAsync(MetricsUrl);

    /// <summary>
    /// The value of the sample whose name is <paramref name="metric"/> and whose labels include every
    /// one of <paramref name="labels"/> ("key=\"value\""), summed over the samples that match; null when none does.
    /// </summary>
    public async Task<double?> MetricAsync(string metric, params string[] labels)
    {
        var page = await ScrapeAsync();
        double? sum = null;
        foreach (var line in page.Split('\n'))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd < 0 || line[..nameEnd] != metric) continue;
            if (!labels.All(l => line.Contains(l, StringComparison.Ordinal))) continue;
            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) sum = (sum ?? 0) + v;
        }
        return sum;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (lines)
        {
            lines.Add(line);
            if (line.Contains("\"msg\":\"Started listening\"", StringComparison.Ordinal)) Listening(line);
        }
    }

    /// <summary>{"msg":"Started listening","address":"http://127.0.0.1:PORT","serves":"/metrics"}: where this process serves what.</summary>
    private void Listening(string line)
    {
        using var json = JsonDocument.Parse(line);
        var address = new Uri(json.RootElement.GetProperty("address").GetString()!);
        var serves = json.RootElement.GetProperty("serves").GetString()!;
        if (serves.Contains("/metrics", StringComparison.Ordinal)) metricsUrl = new Uri(address, "metrics");
        if (serves.Contains("/readyz", StringComparison.Ordinal)) healthUrl = new Uri(address, "/");
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (process is { HasExited: false } p)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process?.Dispose();
        http.Dispose();
        return ValueTask.CompletedTask;
    }
}
