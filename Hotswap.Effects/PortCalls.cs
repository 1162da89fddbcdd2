using System.Collections.Concurrent;

namespace Hotswap.Effects;

/// <summary>
/// Counts calls to the outside world by operation ("elbv2.DescribeRules", "k8s.UpdateStatus"),
/// split into reads and writes, so tests can assert "one DescribeRules per listener per reconcile"
/// and "zero writes at steady state". Every page of a paged call counts as one call.
/// </summary>
public sealed class PortCalls
{
    private readonly ConcurrentDictionary<string, int> reads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> writes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> retries = new(StringComparer.Ordinal);

    public void Read(string operation) => reads.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public void Write(string operation) => writes.AddOrUpdate(operation, 1, (_, n) => n + 1);

    /// <summary>A transient failure of <paramref name="operation"/> retried within the same call.</summary>
    public void Retry(string operation) => retries.AddOrUpdate(operation, 1, (_, n) => n + 1);

    /// <summary>Retries of transient failures, over every operation.</summary>
    public int Retries => retries.Values.Sum();

    public int Reads => reads.Values.Sum();

    public int Writes => writes.Values.Sum();

    /// <summary>Calls of one operation, reads and writes together.</summary>
    public int Of(string operation) =>
        reads.GetValueOrDefault(operation) + writes.GetValueOrDefault(operation);

    /// <summary>Every operation with its count, sorted by name.</summary>
    public Map<string, int> Snapshot() =>
        toMap(reads.Concat(writes).GroupBy(kv => kv.Key).Select(g => (g.Key, g.Sum(kv => kv.Value))));

    public void Reset()
    {
        reads.Clear();
        writes.Clear();
        retries.Clear();
    }
}
