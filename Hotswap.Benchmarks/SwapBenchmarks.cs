using BenchmarkDotNet.Attributes;
using Hotswap.Core.Spec;
using Hotswap.Effects.Simulation;

namespace Hotswap.Benchmarks;

/// <summary>
/// A full simulated swap: 20 applications, each moving from two v1 clusters to two v2 clusters in
/// 10 steps, checks with 1 s intervals (the shortest valid one), no readiness or sync delays — the wall time of the
/// operator's whole loop (observer, planners, interpreter, recorder) over the simulated world.
/// </summary>
public class SwapBenchmarks
{
    private SystemSpec from = null!;
    private SystemSpec to = null!;

    [GlobalSetup]
    public void Setup() => (from, to) = SwapSystems.Of(20, TimeSpan.FromSeconds(1));

    [Benchmark]
    public SimulationResult Swap() =>
        Simulator.RunAsync(to, Some(from), SwapSystems.NoDelays, 1).GetAwaiter().GetResult();
}
