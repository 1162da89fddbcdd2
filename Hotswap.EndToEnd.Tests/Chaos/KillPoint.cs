namespace Hotswap.EndToEnd.Tests.Chaos;

/// <summary>
/// Where to kill -9 a replica: once it has made <see cref="AfterWrites"/> writes (AWS and
/// Kubernetes, Lease renewals not counted) since the spec changed, <see cref="Delay"/> later.
/// </summary>
public sealed record KillPoint(int AfterWrites, TimeSpan Delay)
{
    /// <summary>
    /// <paramref name="count"/> points from <paramref name="seed"/>: distinct write counts spread over
    /// 1..<paramref name="writes"/> (one drawn from each equal slice, so early and late moments are
    /// both hit); half of them kill at once, right after that write, the others 1–250 ms later, so
    /// a kill lands between writes as often as right after one.
    /// </summary>
    public static IReadOnlyList<KillPoint> From(int seed, int count, int writes)
    {
        var random = new Random(seed);
        var slice = (double)writes / count;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var low = (int)Math.Floor(i * slice) + 1;
            var high = Math.Max(low, (int)Math.Floor((i + 1) * slice));
            return new KillPoint(random.Next(low, high + 1), TimeSpan.FromMilliseconds(random.Next(2) == 0 ? 0 : random.Next(1, 251)));
        })];
    }

    /// <summary>The seed: HOTSWAP_E2E_SEED when set (to replay a run), else a fresh one.</summary>
    public static int Seed() =>
        Environment.GetEnvironmentVariable("HOTSWAP_E2E_SEED") is { Length: > 0 } text
            ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : Random.Shared.Next(1, int.MaxValue);

    public override string ToString() => $"after write {AfterWrites} + {Delay.TotalMilliseconds:F0} ms";
}
