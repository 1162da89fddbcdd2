using System.Diagnostics;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;

namespace Hotswap.Benchmarks;

/// <summary>A Stopwatch estimate of the planner benchmarks, for quick feedback while optimising.</summary>
public static class QuickTiming
{
    public static int Run()
    {
        foreach (var (c, a) in new[] { (10, 20), (100, 500), (1000, 2000) })
        {
            var s = SyntheticSystem.Of(c, a);
            var status = s.World.SystemStatus.IfNone(SystemStatus.Initial);
            var moves = SystemPlanner.Plan(s.Spec, s.World, status, s.Now).Commands.Count(x => x is Command.SetForwardWeights);
            var n = Math.Max(3, 200_000 / (c + a));
            for (var i = 0; i < Math.Max(1, n / 10); i++) SystemPlanner.Plan(s.Spec, s.World, status, s.Now);
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) SystemPlanner.Plan(s.Spec, s.World, status, s.Now);
            Console.WriteLine($"{c} clusters × {a} applications: {sw.Elapsed.TotalMicroseconds / n:F1} µs per decision ({moves} weight writes)");
        }
        return 0;
    }
}
