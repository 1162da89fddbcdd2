using System.Diagnostics;
using System.Text;

namespace Hotswap.Testing.KubeApi;

/// <summary>The outcome of one kubectl run.</summary>
public sealed record KubectlResult(int ExitCode, string Out, string Err)
{
    public bool Ok => ExitCode == 0;
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>
/// Runs the real kubectl against a kubeconfig, with its own discovery cache so runs against
/// different servers never share one. Use <see cref="Peer.Require"/> first.
/// </summary>
public sealed class Kubectl(string kubeconfig, string cacheDir)
{
    public async Task<KubectlResult> Run(params string[] args) => await RunWithInput(null, args);

    /// <summary>Runs kubectl with <paramref name="stdin"/> piped in (for <c>apply -f -</c>).</summary>
    public async Task<KubectlResult> RunWithInput(string? stdin, params string[] args)
    {
        using var process = Process.Start(Info(args))!;
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new KubectlResult(process.ExitCode, await output, await error);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>); read its lines, dispose to kill it.</summary>
    public KubectlStream Start(params string[] args) => new(Process.Start(Info(args))!);

    private ProcessStartInfo Info(string[] args)
    {
        var info = new ProcessStartInfo(Peer.Find("kubectl") ?? "kubectl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add($"--kubeconfig={kubeconfig}");
        info.ArgumentList.Add($"--cache-dir={cacheDir}");
        foreach (var a in args) info.ArgumentList.Add(a);
        return info;
    }
}

/// <summary>A running kubectl whose output is read line by line.</summary>
public sealed class KubectlStream(Process process) : IDisposable
{
    private readonly StringBuilder seen = new();

    /// <summary>Everything printed so far (stdout).</summary>
    public string Seen { get { lock (seen) return seen.ToString(); } }

    /// <summary>Reads lines until one satisfies <paramref name="match"/>; null when the time is up or kubectl ends.</summary>
    public async Task<string?> WaitForLine(Func<string, bool> match, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lock (seen) seen.AppendLine(line);
                if (match(line)) return line;
            }
        }
        catch (OperationCanceledException)
        {
        }
        return null;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
