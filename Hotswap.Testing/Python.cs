using System.Diagnostics;

namespace Hotswap.Testing;

/// <summary>Runs a python3 script (botocore, the AWS CLI's own modules) as a peer.</summary>
public static class Python
{
    /// <summary>stdout of `python3 -c SCRIPT ARGS` with <paramref name="environment"/>; throws with stderr on failure.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyDictionary<string, string>? environment = null, params string[] args)
    {
        var info = new ProcessStartInfo(Peer.Require("python3"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        using var p = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"python3 failed ({p.ExitCode}): {await stderr}");
        return await stdout;
    }
}
