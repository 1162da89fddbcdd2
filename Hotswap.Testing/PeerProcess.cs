using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Hotswap.Testing;

/// <summary>A peer program started by a test, its output kept for failure messages, killed (with its children) on dispose.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public PeerProcess(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => process.HasExited;

    /// <summary>What the program printed so far (the last 4000 characters).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                var s = output.ToString();
                return s.Length > 4000 ? s[^4000..] : s;
            }
        }
    }

    /// <summary>
    /// The first line the program printed (so far or within <paramref name="timeout"/>) that <paramref name="pattern"/>
    /// matches; fails with its output if it exits first or prints none. How a test learns the port a peer
    /// started on port 0 chose, instead of guessing a free port another process may take first.
    /// </summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            string[] seen;
            lock (output) seen = output.ToString().Split('\n');
            foreach (var line in seen)
            {
                var match = pattern.Match(line);
                if (match.Success) return match;
            }
            if (process.HasExited) throw new InvalidOperationException($"{what} exited with {process.ExitCode} before printing /{pattern}/:\n{Output}");
            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{what} printed no line like /{pattern}/ within {timeout.TotalSeconds} s:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <paramref name="ready"/> until it holds, the program exits, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{what} exited with {process.ExitCode}:\n{Output}");
            try
            {
                if (await ready()) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{what} was not ready within {timeout.TotalSeconds} s:\n{Output}");
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
