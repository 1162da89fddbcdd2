using System.Diagnostics;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// The real <c>hotswap</c> CLI as a separate process (<c>dotnet hotswap.dll …</c>), with a
/// kubeconfig of its own (user <see cref="Stage.CliUser"/>) and <c>-n</c> the scene's namespace.
/// </summary>
public sealed class HotswapCli(string kubeconfig, string @namespace)
{
    /// <summary>The CLI's kubeconfig (user <see cref="Stage.CliUser"/>, context namespace the scene's): kubectl can use it too.</summary>
    public string Kubeconfig => kubeconfig;

    /// <summary>What one command printed and returned.</summary>
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
    }

    /// <summary>Runs <c>hotswap ARGS --kubeconfig … -n NS</c> and waits for it (at most 60 s).</summary>
    public async Task<Result> RunAsync(params string[] args)
    {
        using var process = Process.Start(Info(args)) ?? throw new InvalidOperationException("hotswap did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"hotswap {string.Join(' ', args)} did not finish within 60 s");
        }
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the command and fails the test unless it exits 0; returns its stdout.</summary>
    public async Task<string> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"hotswap {string.Join(' ', args)}: {result}");
        return result.Out;
    }

    /// <summary>Starts a long-running command (e.g. <c>get mysystem -w</c>); dispose the handle to kill it.</summary>
    public CliStream Start(params string[] args) => new(Info(args));

    private ProcessStartInfo Info(string[] args)
    {
        var info = new ProcessStartInfo(Dotnet.Host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dotnet.Hotswap);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        info.ArgumentList.Add("-n");
        info.ArgumentList.Add(@namespace);
        info.Environment.Remove("KUBECONFIG");
        return info;
    }
}
