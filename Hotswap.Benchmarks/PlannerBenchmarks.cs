using BenchmarkDotNet.Attributes;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;

namespace Hotswap.Benchmarks;

/// <summary>
/// One System decision (SystemPlanner.Plan) for Systems of clusters × applications, every
/// application mid-migration and moving a step (the busiest decision there is).
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private SyntheticSystem system = null!;
    private SystemStatus status = null!;

    [Params("10x20", "100x500", "1000x2000")]
    public string Size { get; set; } = "10x20";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        system = SyntheticSystem.Of(int.Parse(parts[0]), int.Parse(parts[1]));
        status = system.World.SystemStatus.IfNone(SystemStatus.Initial);
    }

    [Benchmark]
    public Decision<SystemStatus> Decide() => SystemPlanner.Plan(system.Spec, system.World, status, system.Now);
}
