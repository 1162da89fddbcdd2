using System.Collections.Concurrent;
using Hotswap.Testing.KubeApi;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// Every resource request the test API server answered over HTTP, kept through the server's
/// authorizer hook (<see cref="KubeApiServerOptions.Authorize"/>, which allows everything here):
/// the user is the bearer token, and each replica and the CLI have their own, so requests are
/// counted per sender at the server. Writes made by the stand-ins go to the store directly and
/// are not here.
/// </summary>
public sealed class KubeRequestLog
{
    private readonly ConcurrentQueue<KubeRequest> requests = new();
    private long sequence = -1;

    /// <summary>The hook to give the server: records and allows.</summary>
    public bool Record(KubeRequestAttributes attributes)
    {
        requests.Enqueue(new KubeRequest(Interlocked.Increment(ref sequence), DateTimeOffset.UtcNow, attributes));
        return true;
    }

    /// <summary>The sequence number the next request will get: take it before an action, filter with <see cref="Since"/> after.</summary>
    public long Mark => Interlocked.Read(ref sequence) + 1;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<KubeRequest> All => [.. requests.OrderBy(r => r.Sequence)];

    /// <summary>Requests from <paramref name="mark"/> on, of <paramref name="user"/> when given.</summary>
    public IReadOnlyList<KubeRequest> Since(long mark, string? user = null) =>
        [.. All.Where(r => r.Sequence >= mark && (user is null || r.Attributes.User == user))];

    /// <summary>Writes from <paramref name="mark"/> on (of <paramref name="user"/> when given), Lease writes excluded unless <paramref name="leases"/>.</summary>
    public IReadOnlyList<KubeRequest> Writes(long mark, string? user = null, bool leases = false) =>
        [.. Since(mark, user).Where(r => r.IsWrite && (leases || !r.IsLease))];
}
