using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Benchmarks;

/// <summary>
/// A System of C clusters × A applications caught mid-migration, the planner's busiest case:
/// every application is at step 3 of 10 with its checks passed, so every one moves a step.
/// Clusters come in groups of two; application i is served by group i mod (C/2), its v2
/// clusters in the spec and its v1 clusters still members.
/// </summary>
public sealed record SyntheticSystem(SystemSpec Spec, World World, DateTimeOffset Now)
{
    private const string Listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/bench/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static SyntheticSystem Of(int clusters, int applications)
    {
        var groups = Math.Max(1, clusters / 2);
        var spec = new SystemSpec("bench", 1,
            Enumerable.Range(0, clusters).Select(c => Cluster($"c{c}-v2", c % groups)).ToSeq().Strict(),
            Enumerable.Range(0, applications).Select(a => App(a, a % groups)).ToSeq().Strict(),
            RollbackPolicy.Default);
        var stepStart = Start.AddMinutes(3);
        var now = stepStart.AddMinutes(2);
        var contexts = spec.Applications.Map(app => (App: app,
            New: spec.Clusters.Filter(c => app.ClusterSelector.Matches(c.Labels)).Map(c => c.Name),
            Old: spec.Clusters.Filter(c => app.ClusterSelector.Matches(c.Labels)).Map(c => c.Name.Replace("-v2", "-v1")))).Strict();
        var all = spec.Clusters.Map(c => c.Name) + spec.Clusters.Map(c => c.Name.Replace("-v2", "-v1"));
        var world = World.Empty with
        {
            EksClusters = all.Map(c => (c, new EksCluster(c, EksClusterState.Active, Some($"https://{c}.eks"), Some("Q0E="), None))).ToHashMap(),
            ClusterSecrets = all.Map(c => (Secret(c), new ClusterSecret(Secret(c), $"https://{c}.eks",
                ArgoCDClusterPlanner.Config(ArgoSpec(spec, c), "Q0E="),
                Map(("argocd.argoproj.io/secret-type", "cluster")),
                toSet(contexts.Filter(x => x.New.Contains(c) || x.Old.Contains(c)).Map(x => x.App.ArgoCd.ClusterSecret.Name))))).ToHashMap(),
            ApplicationSets = spec.Applications.Map(a => new ApplicationSetState(a.Name, Map<string, string>(), a.ArgoCd.ClusterSecret.Labels, false)),
            Applications = contexts.Bind(x => (x.New + x.Old).Map(c => new ArgoApplication($"{x.App.Name}-{c}", x.App.Name, Secret(c), "Synced", "Healthy"))).Strict(),
            Rules = contexts.Map(x => (Rule(x.App), new ListenerRule(Rule(x.App), $"rule-{x.App.Name}", Step3(x.New, x.Old)))).ToHashMap(),
            Revision = Some(new Revision(1, "bench", contexts.Map(x => (x.App.Name, new ApplicationRevision(
                x.Old.Map(Secret), Some(ForwardConfig.Of(x.Old.Map(o => new TargetGroupWeight(Tg(o), 100 / x.Old.Count))))))).ToHashMap())),
        };
        var planned = Reconciliation.Plan(spec, world, stepStart).System.Status;
        var status = planned with
        {
            Applications = planned.Applications.Map(a => a with
            {
                Phase = ApplicationPhase.Migrating, Step = 3, Steps = 10, StepStartedAt = Some(stepStart),
            }),
        };
        var checks = contexts.Bind(x => ApplicationContext.CheckSet(spec, x.App,
                spec.Clusters.Filter(c => x.App.ClusterSelector.Matches(c.Labels)),
                spec.Clusters.Map(c => (Secret(c.Name), Right<string, string>(Tg(c.Name)))).ToHashMap()))
            .Map(k => (k.Name, new CheckObject(k, new CheckStatus(Some(true), Some(stepStart.AddMinutes(1)), k.AnalysisHash,
                Seq1(new Measurement(stepStart.AddMinutes(1), Some(0.001), MeasurementOutcome.Passed, "ok")), "ok"))))
            .ToHashMap();
        // The children have reconciled: every cluster reports ready, every member Deployed.
        var clusterObjects = all.Map(c => (Secret(c), new ArgoCDClusterObject(ArgoSpec(spec, c),
            new ArgoCDClusterStatus("Ready", true, "ready", Some($"https://{c}.eks"))))).ToHashMap();
        var deployments = contexts.Map(x =>
        {
            var members = (x.New + x.Old).Map(Secret).OrderBy(m => m, StringComparer.Ordinal).ToSeq().Strict();
            var name = Naming.Deployment(spec.Name, x.App.Name);
            return (name, new ApplicationDeploymentObject(
                new ApplicationDeploymentSpec(name, spec.Name, x.App.Name, members, x.App.ArgoCd.ClusterSecret, x.App.ArgoCd.ApplicationSet, x.App.ArgoCd.UpdateStrategy),
                new ApplicationDeploymentStatus("Deployed", "all Deployed", members, members)));
        }).ToHashMap();
        return new SyntheticSystem(spec, world with
        {
            SystemStatus = Some(status), Checks = checks, ArgoCDClusters = clusterObjects, Deployments = deployments,
        }, now);
    }

    private static ClusterSpec Cluster(string name, int group) =>
        new(name, new EksSpec(name, None), true, None, Map(("group", $"g{group}"), ("targetGroupARN", Tg(name))));

    private static ApplicationSpec App(int i, int group) =>
        new($"app{i}", Map(("group", $"g{group}")),
            new ArgoCdSpec(new ClusterSecretSpec($"app{i}-clusters", Map(($"svc-app{i}", "true"))),
                new ApplicationSetRef(Some($"app{i}"), Map<string, string>()), UpdateStrategyType.CreateBeforeDelete),
            Some(new AlbSpec(Listener, i + 1, new TargetGroupSource.FromLabel("targetGroupARN"), 10, 100)),
            Seq1(new CheckSpec("errors", new AnalysisSpec("errors{cluster:{{.Vars.clusterName}}}", None, Some(0.01),
                TimeSpan.FromMinutes(1), MetricProvider.Datadog, 0, 3))),
            Seq<JobCheckSpec>(), Seq<JobCheckSpec>());

    private static ForwardConfig Step3(Seq<string> news, Seq<string> olds) =>
        new WeightSchedule(olds.Map(o => new TargetGroupWeight(Tg(o), 100 / olds.Count)), news.Map(Tg), 10, 100).At(3);

    private static RuleKey Rule(ApplicationSpec app) => new(Listener, app.Alb.Map(a => a.Priority).IfNone(0));
    private static string Secret(string cluster) => Naming.ClusterSecret("bench", cluster);
    private static string Tg(string cluster) => $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{cluster}/{Hashing.Of(cluster)}";
    private static ArgoCDClusterSpec ArgoSpec(SystemSpec spec, string cluster) =>
        new(Secret(cluster), spec.Name, cluster, cluster, None, true, None, Map<string, string>());
}
