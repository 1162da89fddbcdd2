using System.Diagnostics;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;

namespace Hotswap.Benchmarks;

/// <summary>A Stopwatch estimate of the planner benchmarks, for quick feedback while optimising.</summary>
public static class QuickTiming
{
    public static int Run() => Run([(10, 20), (100, 500), (1000, 2000)], swaps: true);

    /// <summary>
    /// <c>-- quick planner [CxA ...]</c>: only the planner timings, at the sizes given (10x20 and
    /// 100x500 by default) — what the before/after pairs compare, and a steady loop to profile.
    /// </summary>
    public static int Planner(string[] sizes) =>
        Run(sizes.Length == 0
            ? [(10, 20), (100, 500)]
            : sizes.Select(x => x.Split('x')).Select(p => (int.Parse(p[0]), int.Parse(p[1]))).ToArray(), swaps: false);

    private static int Run((int Clusters, int Applications)[] sizes, bool swaps)
    {
        foreach (var (c, a) in sizes)
        {
            var s = SyntheticSystem.Of(c, a);
            var status = s.World.SystemStatus.IfNone(SystemStatus.Initial);
            var moves = SystemPlanner.Plan(s.Spec, s.World, status, s.Now).Commands.Count(x => x is Command.SetForwardWeights);
            var n = Math.Max(3, 200_000 / (c + a));
            for (var i = 0; i < Math.Max(1, n / 10); i++) SystemPlanner.Plan(s.Spec, s.World, status, s.Now);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) SystemPlanner.Plan(s.Spec, s.World, status, s.Now);
            var elapsed = sw.Elapsed;
            var kb = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 / n;
            Console.WriteLine($"{c} clusters × {a} applications: {elapsed.TotalMicroseconds / n:F1} µs per decision, {kb:F0} KB allocated ({moves} weight writes)");
        }
        if (!swaps) return 0;
        Swap(TimeSpan.FromSeconds(1));
        Swap(TimeSpan.FromMinutes(1));
        return 0;
    }

    /// <summary>The full swap of 20 applications: wall time, simulated time against its lower bound, weight writes.</summary>
    private static void Swap(TimeSpan interval)
    {
        var (from, to) = SwapSystems.Of(20, interval);
        Hotswap.Effects.Simulation.Simulator.RunAsync(to, Some(from), SwapSystems.NoDelays, 1).GetAwaiter().GetResult();
        var sw = Stopwatch.StartNew();
        var result = Hotswap.Effects.Simulation.Simulator.RunAsync(to, Some(from), SwapSystems.NoDelays, 1).GetAwaiter().GetResult();
        var wall = sw.Elapsed;
        var bound = interval * 10;
        var writes = result.Counts.PortCalls.Find("elbv2.ModifyRule").IfNone(0);
        Console.WriteLine(
            $"swap of 20 applications x 10 steps, check interval {interval.TotalSeconds}s: {wall.TotalMilliseconds:F0} ms wall, " +
            $"simulated {result.SimulatedDuration} (lower bound {bound}), {writes} ModifyRule, {result.FinalPhase}, " +
            $"{result.InvariantViolations.Count} violations");
    }
}
