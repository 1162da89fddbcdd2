using Hotswap.Core.Spec;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

public sealed class ScenarioDocumentTests
{
    private static SimulationScenario Parsed(string yaml) =>
        ScenarioDocument.Parse(yaml).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    private static Seq<SpecError> Errors(string yaml) => ScenarioDocument.Parse(yaml).FailToSeq();

    [Fact]
    public void An_empty_file_is_the_default_scenario_starting_on_the_examples_date()
    {
        Assert.Equal(ScenarioDocument.Default, Parsed(""));
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T10:00:00Z"), ScenarioDocument.Default.Start);
    }

    [Fact]
    public void Every_field_maps_onto_the_scenario()
    {
        var s = Parsed("""
            kind: Scenario
            start: 2026-11-24T12:00:00Z
            eks:
              readyAfter: 45s
              clusters: {mycluster-web-2-v2: {readyAfter: 2m}}
              neverReady: [mycluster-api-v2]
              updating: [{cluster: mycluster-api-v1, from: 2m, for: 3m}]
            argocd:
              syncAfter: 25s
              applications:
              - {application: web, cluster: mycluster-web-1-v2, health: Degraded, fromStep: 3}
              - {application: web, cluster: mycluster-web-2-v2, sync: OutOfSync, from: 3m, for: 1m}
              - {application: api, cluster: mycluster-api-v1, missing: true, from: 2m}
            workloadClusters: {unreachable: [{cluster: web-2-v2, from: 90s, for: 2m}]}
            jobs: {duration: 15s, results: {run-test: fail, smoke: pass}}
            metrics:
              default: 0.001
              rules:
              - {check: web/error-rate, value: 0.5, fromStep: 3}
              - {check: web/alb-5xx, cluster: mycluster-web-1-v2, noData: true, from: 5m}
            faults: {awsThrottling: 0.1, awsServerErrors: 0.05, kubernetesConflicts: 0.2}
            crashes: {afterCommands: [5, 20, 40]}
            maxRounds: 500
            """);

        Assert.Equal(DateTimeOffset.Parse("2026-11-24T12:00:00Z"), s.Start);
        Assert.Equal(TimeSpan.FromSeconds(45), s.EksReadyDelay);
        Assert.Equal(Map(("mycluster-web-2-v2", TimeSpan.FromMinutes(2))), s.EksReadyDelays);
        Assert.Equal(Set("mycluster-api-v2"), s.EksNeverReady);
        Assert.Equal(TimeSpan.FromSeconds(25), s.SyncDelay);
        Assert.Equal(Seq(
            new ApplicationFault("web", "mycluster-web-1-v2", Health: "Degraded", When: new FaultWindow(FromStep: 3)),
            new ApplicationFault("web", "mycluster-web-2-v2", Sync: "OutOfSync",
                When: new FaultWindow(From: TimeSpan.FromMinutes(3), For: TimeSpan.FromMinutes(1))),
            new ApplicationFault("api", "mycluster-api-v1", Missing: true, When: new FaultWindow(From: TimeSpan.FromMinutes(2)))),
            s.ApplicationFaults);
        Assert.Equal(Seq1(new ClusterFault("mycluster-api-v1", new FaultWindow(From: TimeSpan.FromMinutes(2), For: TimeSpan.FromMinutes(3)))),
            s.EksUpdating);
        Assert.Equal(Seq1(new ClusterFault("web-2-v2", new FaultWindow(From: TimeSpan.FromSeconds(90), For: TimeSpan.FromMinutes(2)))),
            s.Unreachable);
        Assert.Equal(TimeSpan.FromSeconds(15), s.JobDuration);
        Assert.Equal(Map(("run-test", false), ("smoke", true)), s.JobResults);
        Assert.Equal(0.001, s.DefaultMetricValue);
        Assert.Equal(Seq(
            new MetricBehaviour("web", "error-rate", Value: 0.5, FromStep: 3),
            new MetricBehaviour("web", "alb-5xx", "mycluster-web-1-v2", FromTime: TimeSpan.FromMinutes(5), NoData: true)), s.Metrics);
        Assert.Equal(new FaultRates(0.1, 0.05, 0.2), s.Faults);
        Assert.Equal(Seq(5, 20, 40), s.CrashAfterCommands);
        Assert.Equal(500, s.MaxRounds);
    }

    [Theory]
    [InlineData("unknown top-level field", "fualts: {}", "fualts", 1, "did you mean \"faults\"")]
    [InlineData("unknown nested field", "eks:\n  readyAftr: 1m", "eks.readyAftr", 2, "did you mean \"readyAfter\"")]
    [InlineData("bad duration", "argocd: {syncAfter: soon}", "argocd.syncAfter", 1, "duration")]
    [InlineData("probability above 1", "faults:\n  awsThrottling: 2", "faults.awsThrottling", 2, "between 0 and 1")]
    [InlineData("check without application", "metrics:\n  rules:\n  - {check: error-rate, value: 1}", "metrics.rules[0].check", 3, "APPLICATION/CHECK")]
    [InlineData("rule without value", "metrics:\n  rules:\n  - {check: web/error-rate}", "metrics.rules[0].value", 3, "required")]
    [InlineData("job result neither pass nor fail", "jobs: {results: {run-test: maybe}}", "jobs.results.run-test", 1, "pass or fail")]
    [InlineData("crash point not positive", "crashes: {afterCommands: [0]}", "crashes.afterCommands[0]", 1, "positive")]
    [InlineData("wrong kind", "kind: System", "kind", 1, "must be Scenario")]
    [InlineData("application fault that changes nothing", "argocd:\n  applications:\n  - {application: web, cluster: c1, from: 1m}",
        "argocd.applications[0].health", 3, "one of health, sync or missing")]
    [InlineData("health ArgoCD does not have", "argocd:\n  applications:\n  - {application: web, cluster: c1, health: Sick}",
        "argocd.applications[0].health", 3, "Degraded")]
    [InlineData("cluster fault without a cluster", "workloadClusters:\n  unreachable:\n  - {from: 1m}",
        "workloadClusters.unreachable[0].cluster", 3, "required")]
    [InlineData("cluster fault with a step", "eks:\n  updating:\n  - {cluster: c1, fromStep: 3}",
        "eks.updating[0].fromStep", 3, "unknown field")]
    [InlineData("not a mapping", "- a", "scenario", 1, "mapping")]
    [InlineData("broken YAML", "eks: {readyAfter: 1m", "scenario", 2, "did not find expected")]
    public void A_mistake_is_reported_with_its_path_and_line(string name, string yaml, string path, int line, string says)
    {
        var error = Assert.Single(Errors(yaml));
        Assert.True(error.Path == path && error.Line == line && error.Message.Contains(says), $"{name}: {error}");
    }

    [Fact]
    public void Every_mistake_is_reported_at_once()
    {
        Assert.Equal(3, Errors("fualts: {}\nmaxRounds: -1\nargocd: {syncAfter: x}").Count);
    }
}
