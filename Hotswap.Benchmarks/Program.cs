using BenchmarkDotNet.Running;

namespace Hotswap.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Hotswap.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>-- quick</c> prints a Stopwatch estimate instead (seconds, not minutes); <c>-- quick planner
/// [CxA ...]</c> only the planner's.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["quick", "planner", .. var sizes]) return QuickTiming.Planner(sizes);
        if (args is ["quick", ..]) return QuickTiming.Run();
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
