using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hotswap.Testing.Aws;

/// <summary>
/// moto_server (ELBv2, EKS, STS emulator) on 127.0.0.1 and a free port, and the AWS CLI pointed at
/// it with fake credentials. One per test class (an xunit class fixture); <see cref="ResetAsync"/>
/// empties it between tests.
/// </summary>
public sealed partial class MotoServer : IAsyncDisposable
{
    public const string Region = "us-east-1";
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private readonly PeerProcess process;
    private readonly HttpClient http = new();

    private MotoServer(PeerProcess process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Url { get; }

    /// <summary>Starts moto_server; skips (outside CI) when moto_server or aws is missing.</summary>
    public static async Task<MotoServer> StartAsync()
    {
        var moto = Peer.Require("moto_server");
        Peer.Require("aws");
        // Port 0: the OS picks a free port as moto binds it, and werkzeug prints it (" * Running on http://127.0.0.1:PORT").
        var process = new PeerProcess(moto, ["-H", "127.0.0.1", "-p", "0"]);
        var running = await process.WaitForLineAsync(RunningOn(), TimeSpan.FromSeconds(60), "moto_server");
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{running.Groups[1].Value}/"));
        await process.WaitUntilAsync(async () =>
            (await server.http.GetAsync(new Uri(server.Url, "moto-api/data.json"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "moto_server");
        return server;
    }

    /// <summary>Forgets every resource (POST /moto-api/reset).</summary>
    public async Task ResetAsync() =>
        (await http.PostAsync(new Uri(Url, "moto-api/reset"), null)).EnsureSuccessStatusCode();

    /// <summary>Environment for an AWS client talking to this server: fake keys, region, no shared files.</summary>
    public IReadOnlyDictionary<string, string> Environment(Uri? endpoint = null) => new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_DEFAULT_REGION"] = Region,
        ["AWS_CONFIG_FILE"] = "/dev/null",
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        ["AWS_ENDPOINT_URL"] = (endpoint ?? Url).ToString().TrimEnd('/'),
        ["AWS_PAGER"] = "",
    };

    /// <summary>Runs `aws ARGS --output json` against the server; its JSON output (null when it printed none); throws with stderr on failure.</summary>
    public async Task<JsonElement?> AwsAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAwsAsync(args);
        if (code != 0) throw new InvalidOperationException($"aws {string.Join(" ", args)} failed ({code}): {stderr}");
        return stdout.Trim().Length == 0 ? null : JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>Runs the AWS CLI and returns its exit code and output, failing or not.</summary>
    public async Task<(int Code, string Stdout, string Stderr)> RunAwsAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Peer.Require("aws"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--output");
        info.ArgumentList.Add("json");
        foreach (var (k, v) in Environment()) info.Environment[k] = v;
        using var p = Process.Start(info) ?? throw new InvalidOperationException("aws did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    private readonly SemaphoreSlim pythonLock = new(1, 1);
    private System.Diagnostics.Process? pythonProcess;

    /// <summary>
    /// Runs a python3 script with boto3 against the server (moto's API, for bulk set-up) in one
    /// long-lived interpreter, so boto3 is imported once per server; returns what it printed.
    /// </summary>
    public async Task<string> PythonAsync(string script)
    {
        await pythonLock.WaitAsync();
        try
        {
            var p = pythonProcess ??= StartPython();
            var encoded = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(script));
            await p.StandardInput.WriteLineAsync(encoded);
            await p.StandardInput.FlushAsync();
            var output = new System.Text.StringBuilder();
            while (true)
            {
                var line = await p.StandardOutput.ReadLineAsync()
                    ?? throw new InvalidOperationException($"python3 exited: {await p.StandardError.ReadToEndAsync()}");
                if (line == "__HOTSWAP_OK__") return output.ToString();
                if (line.StartsWith("__HOTSWAP_ERROR__", StringComparison.Ordinal))
                    throw new InvalidOperationException("python3 failed: " +
                        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(line["__HOTSWAP_ERROR__".Length..])));
                output.AppendLine(line);
            }
        }
        finally
        {
            pythonLock.Release();
        }
    }

    private const string PythonLoop = """
        import base64, sys, traceback, boto3
        for line in sys.stdin:
            try:
                exec(base64.b64decode(line).decode(), {'boto3': boto3})
                print('__HOTSWAP_OK__', flush=True)
            except Exception:
                print('__HOTSWAP_ERROR__' + base64.b64encode(traceback.format_exc().encode()).decode(), flush=True)
        """;

    private System.Diagnostics.Process StartPython()
    {
        var info = new ProcessStartInfo(Peer.Require("python3"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(PythonLoop);
        foreach (var (k, v) in Environment()) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
    }

    public ValueTask DisposeAsync()
    {
        if (pythonProcess is { HasExited: false } p)
        {
            p.StandardInput.Close();
            if (!p.WaitForExit(2000)) p.Kill();
        }
        pythonProcess?.Dispose();
        http.Dispose();
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Running on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex RunningOn();
}
