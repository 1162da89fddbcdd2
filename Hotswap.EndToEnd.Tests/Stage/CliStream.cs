using System.Diagnostics;
using System.Text;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>A long-running hotswap CLI command (e.g. <c>get mysystem -w</c>): everything it printed is kept; dispose kills it.</summary>
public sealed class CliStream : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    internal CliStream(ProcessStartInfo info)
    {
        process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far, stdout and stderr as they came.</summary>
    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    public bool HasExited => process.HasExited;

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output) output.Append(line).Append('\n');
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
