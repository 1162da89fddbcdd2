using System.Globalization;

namespace Hotswap.EndToEnd.Tests.Measured;

/// <summary>A process's resident set as the kernel reports it (VmRSS in /proc/PID/status).</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS of <paramref name="pid"/> in MiB.</summary>
    public static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status")
            .Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kb / 1024.0;
    }

    /// <summary>
    /// The resident part of the runtime's double-mapped memory (/memfd:doublemapper in
    /// /proc/PID/smaps): JIT-compiled code, stubs and the loader heaps that hold type data.
    /// </summary>
    public static double DoubleMappedMiB(int pid)
    {
        var kb = 0L;
        var inside = false;
        foreach (var line in File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/smaps"))
        {
            if (IsMappingLine(line))
                inside = line.EndsWith("/memfd:doublemapper (deleted)", StringComparison.Ordinal) || line.EndsWith("/memfd:doublemapper", StringComparison.Ordinal);
            else if (inside && line.StartsWith("Rss:", StringComparison.Ordinal))
                kb += long.Parse(line["Rss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        return kb / 1024.0;
    }

    /// <summary>"7f7d59000000-7f7d59c79000 rw-p …": a mapping's first line, not one of its "Key: value" lines.</summary>
    private static bool IsMappingLine(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && line[..space].Split('-') is [var from, var to] && from.All(char.IsAsciiHexDigit) && to.All(char.IsAsciiHexDigit);
    }

    /// <summary>The largest VmRSS of <paramref name="samples"/> readings <paramref name="every"/> apart.</summary>
    public static async Task<double> SettledResidentMiB(int pid, int samples, TimeSpan every)
    {
        var most = 0.0;
        for (var i = 0; i < samples; i++)
        {
            most = Math.Max(most, ResidentMiB(pid));
            await Task.Delay(every);
        }
        return most;
    }

    /// <summary>"up 10:17, load average: 8.00, 11.79, 7.48" — the machine's load when a figure was taken.</summary>
    public static string LoadAverage() =>
        "load average " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores";
}
