using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Effects.Simulation;

namespace Hotswap.Benchmarks;

/// <summary>Systems for the swap benchmark: N applications, each on its own pair of clusters, v1 → v2.</summary>
public static class SwapSystems
{
    private const string Listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/bench/50dc6c495c0c9188/f2f7dc8efc522ab2";

    /// <summary>No readiness, sync or Job delays: the simulated time is the checks' alone.</summary>
    public static readonly SimulationScenario NoDelays = SimulationScenario.Default with
    {
        EksReadyDelay = TimeSpan.Zero,
        SyncDelay = TimeSpan.Zero,
        JobDuration = TimeSpan.Zero,
    };

    public static (SystemSpec From, SystemSpec To) Of(int applications, TimeSpan interval) =>
        (Version(applications, "v1", interval), Version(applications, "v2", interval));

    private static SystemSpec Version(int applications, string version, TimeSpan interval) =>
        new("bench", 1,
            Enumerable.Range(0, applications).SelectMany(a => new[] { Cluster(a, 1, version), Cluster(a, 2, version) }).ToSeq().Strict(),
            Enumerable.Range(0, applications).Select(a => App(a, interval)).ToSeq().Strict(),
            RollbackPolicy.Default);

    private static ClusterSpec Cluster(int app, int n, string version)
    {
        var name = $"app{app}-{n}-{version}";
        return new(name, new EksSpec(name, None), true, None, Map(("app", $"app{app}"),
            ("targetGroupARN", $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{name}/{Hashing.Of(name)}")));
    }

    private static ApplicationSpec App(int i, TimeSpan interval) =>
        new($"app{i}", Map(("app", $"app{i}")),
            new ArgoCdSpec(new ClusterSecretSpec($"app{i}-clusters", Map(("hotswap/app", $"app{i}"))),
                new ApplicationSetRef(Some($"app{i}"), Map<string, string>()), UpdateStrategyType.CreateBeforeDelete),
            Some(new AlbSpec(Listener, i + 1, new TargetGroupSource.FromLabel("targetGroupARN"), 10, 100)),
            Seq1(new CheckSpec("errors", new AnalysisSpec("errors{cluster:{{.Vars.clusterName}}}", None, Some(0.01),
                interval, MetricProvider.Datadog, 0, 3))),
            Seq<JobCheckSpec>(), Seq<JobCheckSpec>());
}
