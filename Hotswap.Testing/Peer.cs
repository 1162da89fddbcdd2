using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Hotswap.Testing;

/// <summary>
/// Real programs the integration tests talk to (kubectl, moto_server, aws, prometheus). In CI
/// (CI=true) a missing peer fails the test, since .ci/run installs every peer; elsewhere the
/// test reports skipped with the reason. Use from a [SkippableFact] or [SkippableTheory].
/// </summary>
public static class Peer
{
    /// <summary>True when running under CI, where nothing may be skipped.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="program"/> on PATH; skips (or, in CI, fails) when missing.</summary>
    public static string Require(string program)
    {
        var found = Find(program);
        if (found is not null) return found;
        var why = $"{program} is not on PATH (.ci/run installs it)";
        if (InCi) throw new InvalidOperationException(why);
        Skip.If(true, why);
        return "";
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// A TCP port on 127.0.0.1 nothing listens on just now, for a test that needs a refused connection. A server must
    /// not bind it later (another process may take it first): servers bind port 0 and report the port they got.
    /// </summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
