using FsCheck;
using FsCheck.Fluent;
using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>FsCheck generators, as LINQ queries: Systems, their migrations, worlds, scenarios.</summary>
public static class Gens
{
    // ---- small values

    public static Gen<Seq<T>> Sequence<T>(this IEnumerable<Gen<T>> gens) =>
        Gen.CollectToSequence(gens).Select(xs => xs.ToSeq().Strict());

    public static Gen<Option<T>> OptionOf<T>(Gen<T> gen) =>
        Gen.Frequency((1, Gen.Constant(Option<T>.None)), (3, gen.Select(Some)));

    public static Gen<Seq<T>> SeqOf<T>(Gen<T> gen, int min, int max) =>
        from n in Gen.Choose(min, max)
        from xs in Gen.ListOf(gen, n)
        select xs.ToSeq().Strict();

    public static Gen<Seq<T>> SubsetOf<T>(Seq<T> items) =>
        Gen.SubListOf(items.ToArray()).Select(xs => xs.ToSeq().Strict());

    public static Gen<bool> Bool => Gen.Elements(true, false);

    public static Gen<DateTimeOffset> Time =>
        Gen.Choose(-900, 900).Select(s => Fixtures.Start + TimeSpan.FromSeconds(s));

    public static Gen<string> ClusterName =>
        from app in Gen.Elements("web", "api", "jobs")
        from i in Gen.Choose(1, 3)
        from v in Gen.Elements("v1", "v2", "v3")
        select $"{app}-{i}-{v}";

    public static Gen<Map<string, string>> LabelMap =>
        from n in Gen.Choose(0, 3)
        from pairs in Gen.ListOf(
            from k in Gen.Elements("role", "svc-role", "env", "argocd.argoproj.io/secret-type")
            from v in Gen.Elements("web", "api", "jobs", "prod", "cluster")
            select (k, v), n)
        select toMap(pairs.DistinctBy(p => p.k));

    // ---- Systems

    /// <summary>alb with per-cluster target groups, one shared target group, or none (either strategy).</summary>
    public enum Traffic { Weighted, Shared, NoAlbCreateBeforeDelete, NoAlbDeleteBeforeCreate }

    public static Gen<CheckSpec> CheckSpecFor(int i) =>
        from seconds in Gen.Elements(1, 1, 10, 30, 60, 300)
        from perCluster in Bool
        from failureLimit in Gen.Choose(0, 1)
        from inconclusiveLimit in Gen.Choose(0, 3)
        select new CheckSpec($"c{i}", new AnalysisSpec(
            perCluster ? "errors{cluster:{{.Vars.clusterName}}}" : "errors{app:{{.Vars.applicationName}}}",
            None, Some(0.05), TimeSpan.FromSeconds(seconds), MetricProvider.Datadog, failureLimit, inconclusiveLimit));

    /// <summary>Step and total weight giving at most 10 steps.</summary>
    public static Gen<(int Step, int Total)> StepWeights =>
        from total in Gen.Choose(1, 999)
        from step in Gen.Choose((total + 9) / 10, total)
        select (step, total);

    /// <summary>One application and its clusters before and after: (spec, v1 clusters, v2 clusters).</summary>
    public static Gen<(ApplicationSpec App, Seq<string> V1, Seq<string> V2)> AppMigration(string name, int priority) =>
        from traffic in Gen.Elements(Traffic.Weighted, Traffic.Weighted, Traffic.Shared,
            Traffic.NoAlbCreateBeforeDelete, Traffic.NoAlbDeleteBeforeCreate)
        from before in traffic == Traffic.Shared ? Gen.Constant(1) : Gen.Choose(1, 3)
        let v1 = Enumerable.Range(1, before).Select(i => $"{name}-{i}-v1").ToSeq().Strict()
        from kept in traffic == Traffic.Shared ? Gen.Elements(Seq<string>(), v1) : SubsetOf(v1)
        from added in traffic == Traffic.Shared
            ? Gen.Constant(kept.IsEmpty ? 1 : 0)
            : Gen.Choose(kept.IsEmpty ? 1 : 0, Math.Min(3, 5 - before))
        let v2 = kept + Enumerable.Range(1, added).Select(i => $"{name}-{i}-v2").ToSeq()
        from weights in StepWeights
        from checks in Gen.Choose(0, 2).SelectMany(n => Enumerable.Range(0, n).Select(CheckSpecFor).Sequence())
        from pre in Gen.Choose(0, 1)
        from post in Gen.Choose(0, 1)
        let app = new ApplicationSpec(name, Map(("role", name)),
            new ArgoCdSpec(new ClusterSecretSpec($"{name}-clusters", Map(("svc-role", name))),
                new ApplicationSetRef(Some(name), Map<string, string>()),
                traffic == Traffic.NoAlbDeleteBeforeCreate ? UpdateStrategyType.DeleteBeforeCreate : UpdateStrategyType.CreateBeforeDelete),
            traffic switch
            {
                Traffic.Weighted => Some(new AlbSpec(Fixtures.Listener, priority,
                    new TargetGroupSource.FromLabel("targetGroupARN"), weights.Step, weights.Total)),
                Traffic.Shared => Some(new AlbSpec(Fixtures.Listener, priority,
                    new TargetGroupSource.SharedArn(Fixtures.TargetGroup($"{name}-shared")), weights.Step, weights.Total)),
                _ => Option<AlbSpec>.None,
            },
            checks.ToSeq().Strict(),
            pre == 1 ? Seq1(new JobCheckSpec("pre", "{\"spec\":{}}")) : Seq<JobCheckSpec>(),
            post == 1 ? Seq1(new JobCheckSpec("post", "{\"spec\":{}}")) : Seq<JobCheckSpec>())
        select (app, v1, v2.Strict());

    /// <summary>A valid System (1–3 applications) and the same System with some or all clusters swapped.</summary>
    public static Gen<Migration> Migration =>
        from count in Gen.Choose(1, 3)
        from apps in Enumerable.Range(0, count).Select(i => AppMigration(Seq("web", "api", "jobs")[i], 10 * (i + 1))).Sequence()
        from rollbackDelay in Gen.Elements(0, 30, 60)
        let specs = apps.ToSeq().Strict()
        let system = new SystemSpec(Fixtures.System, 1, Seq<ClusterSpec>(), specs.Map(a => a.App),
            new RollbackPolicy(RollbackMode.Rollback, TimeSpan.FromSeconds(rollbackDelay)))
        select new Migration(
            system with { Clusters = specs.Bind(a => a.V1.Map(c => Fixtures.Cluster(c, a.App.Name))) },
            system with { Generation = 2, Clusters = specs.Bind(a => a.V2.Map(c => Fixtures.Cluster(c, a.App.Name))) },
            specs.Bind(a => a.V1 + a.V2).Distinct().ToSeq().Strict());

    /// <summary>A migration whose clusters may skip the readiness gate or time out (for planner-only properties).</summary>
    public static Gen<Migration> MigrationWithReadiness =>
        from m in Migration
        from requireReady in SeqOf(Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false))), m.V2.Clusters.Count, m.V2.Clusters.Count)
        from timeouts in SeqOf(OptionOf(Gen.Elements(60, 600)), m.V2.Clusters.Count, m.V2.Clusters.Count)
        select m with
        {
            V2 = m.V2 with
            {
                Clusters = m.V2.Clusters.Select((c, i) => c with
                {
                    RequireReady = requireReady[i],
                    ReadyTimeout = timeouts[i].Map(s => TimeSpan.FromSeconds(s)),
                }).ToSeq().Strict(),
            },
        };

    // ---- worlds: anything an observer could return, including half-migrated states

    public static Gen<EksCluster> Eks(string name) =>
        from state in Gen.Frequency(
            (6, Gen.Constant(EksClusterState.Active)), (1, Gen.Constant(EksClusterState.Creating)),
            (1, Gen.Elements(EksClusterState.Updating, EksClusterState.Deleting, EksClusterState.Failed, EksClusterState.Pending)))
        from endpoint in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from ca in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        select new EksCluster(name, state,
            endpoint ? Some(Endpoint(name)) : None, ca ? Some("Q0EK") : None, None);

    public static string Endpoint(string cluster) =>
        $"https://{Hashing.Of(cluster).ToUpperInvariant()}.gr7.us-east-1.eks.amazonaws.com";

    public static Gen<ClusterSecret> Secret(string cluster, Seq<ApplicationSpec> apps) =>
        from rightServer in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from sets in SubsetOf(apps)
        from extra in LabelMap
        select new ClusterSecret(
            Naming.ClusterSecret(Fixtures.System, cluster),
            rightServer ? Endpoint(cluster) : "https://stale.example",
            "{}",
            sets.Fold(extra.AddOrUpdate("argocd.argoproj.io/secret-type", "cluster"),
                (acc, a) => a.ArgoCd.ClusterSecret.Labels.Fold(acc, (m, k, v) => m.AddOrUpdate(k, v))),
            toSet(sets.Map(a => a.ArgoCd.ClusterSecret.Name)));

    public static Gen<ForwardConfig> Forward(Seq<string> arns, int total) =>
        from chosen in SubsetOf(arns).Select(s => s.Take(5).ToSeq())
        from plausible in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from raw in Gen.ListOf(Gen.Choose(0, 999), chosen.Count)
        select ForwardConfig.Of(plausible
            ? chosen.Zip(Apportionment.Split(total, raw.ToSeq().Map(w => w + 1))).Map(p => new TargetGroupWeight(p.Item1, p.Item2))
            : chosen.Zip(raw).Map(p => new TargetGroupWeight(p.Item1, p.Item2)));

    public static Gen<ArgoApplication> Application(string set, string secret) =>
        from sync in Gen.Frequency((4, Gen.Constant("Synced")), (1, Gen.Elements("OutOfSync", "Unknown")))
        from health in Gen.Frequency((4, Gen.Constant("Healthy")), (1, Gen.Elements("Progressing", "Degraded", "Missing")))
        select new ArgoApplication($"{set}-{secret}", set, secret, sync, health);

    public static Gen<Measurement> MeasurementGen =>
        from t in Time
        from outcome in Gen.Elements(MeasurementOutcome.Passed, MeasurementOutcome.Passed, MeasurementOutcome.Failed, MeasurementOutcome.Inconclusive)
        select new Measurement(t, outcome == MeasurementOutcome.Inconclusive ? None : Some(outcome == MeasurementOutcome.Passed ? 0.01 : 1.0),
            outcome, outcome.ToString());

    public static Gen<CheckObject> CheckObjectGen(CheckObjectSpec desired) =>
        from suspended in Bool
        from sameSpec in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from sameHash in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from results in SeqOf(MeasurementGen, 0, 4)
        let sorted = results.OrderBy(m => m.Time).ToSeq().Strict()
        select new CheckObject(
            sameSpec ? desired with { Suspended = suspended } : desired with { Query = "stale", AnalysisHash = "stale" },
            new CheckStatus(sorted.LastOrNone().Map(m => m.Outcome == MeasurementOutcome.Passed), sorted.LastOrNone().Map(m => m.Time),
                sameHash ? desired.AnalysisHash : "stale", sorted, "generated"));

    public static Gen<ApplicationStatus> AppStatus(ApplicationSpec app, string target) =>
        from phase in Gen.Elements(Enum.GetValues<ApplicationPhase>())
        from steps in Gen.Choose(1, 10)
        from step in Gen.Choose(0, steps)
        from started in OptionOf(Time)
        from failed in OptionOf(Time)
        from sameTarget in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        select new ApplicationStatus(app.Name, phase, "generated", step, steps, started, failed,
            sameTarget ? target : "other-target", None);

    /// <summary>
    /// An arbitrary world for a migration, judged against <paramref name="spec"/> (its v1 or v2):
    /// any subset of EKS clusters in any state, secrets with random memberships, Applications in
    /// any sync/health, rules with any forward config, Jobs, Checks, children, revision and status.
    /// </summary>
    public static Gen<World> World(Migration m, SystemSpec spec)
    {
        var apps = spec.Applications;
        var clusters = m.Clusters;
        var allArns = clusters.Map(Fixtures.TargetGroup) + Seq1("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/foreign/0");
        var contexts = apps.Map(a => ApplicationContext.Build(spec, a, Core.Observed.World.Empty, SystemStatus.Initial));
        return
            from eks in clusters.Map(c => OptionOf(Eks(c)).Select(o => o.Map(e => (c, e)))).Sequence()
            from secrets in clusters.Map(c => OptionOf(Secret(c, apps))).Sequence()
            let secretSeq = secrets.Somes().ToSeq().Strict()
            from sets in apps.Map(a => Gen.Frequency(
                    (6, Gen.Constant(Some(new ApplicationSetState(a.Name, Map<string, string>(), a.ArgoCd.ClusterSecret.Labels, false)))),
                    (1, Gen.Constant(Some(new ApplicationSetState(a.Name, Map<string, string>(), a.ArgoCd.ClusterSecret.Labels, true)))),
                    (1, Gen.Constant(Option<ApplicationSetState>.None))))
                .Sequence()
            let setSeq = sets.Somes().ToSeq().Strict()
            from applications in setSeq.Bind(s => secretSeq.Map(sec => OptionOf(Application(s.Name, sec.Name)))).Sequence()
            from rules in apps.Choose(a => a.Alb).Map(alb => OptionOf(Forward(allArns, alb.TotalWeight))
                    .Select(f => f.Map(fw => (new RuleKey(alb.ListenerArn, alb.Priority), new ListenerRule(new RuleKey(alb.ListenerArn, alb.Priority), $"rule-{alb.Priority}", fw)))))
                .Sequence()
            let ruleMap = rules.Somes().ToHashMap()
            from jobs in Jobs(spec, contexts, ruleMap)
            from revision in OptionOf(RevisionGen(spec, contexts, clusters))
            from clusterObjects in spec.Clusters.Map(c => OptionOf(
                    from ready in Bool
                    select (Naming.ClusterSecret(spec.Name, c.Name), new ArgoCDClusterObject(
                        new ArgoCDClusterSpec(Naming.ClusterSecret(spec.Name, c.Name), spec.Name, c.Name, c.Eks.ClusterName, c.Eks.RoleArn,
                            c.RequireReady, c.ReadyTimeout, c.Labels),
                        new ArgoCDClusterStatus(ready ? "Ready" : "Pending", ready, "generated", None)))))
                .Sequence()
            from deployments in contexts.Map(c => OptionOf(
                    from members in SubsetOf(c.Desired + m.Clusters.Map(x => Naming.ClusterSecret(spec.Name, x)).Filter(x => x.Contains(c.Spec.Name)))
                    select (Naming.Deployment(spec.Name, c.Spec.Name), new ApplicationDeploymentObject(
                        new ApplicationDeploymentSpec(Naming.Deployment(spec.Name, c.Spec.Name), spec.Name, c.Spec.Name,
                            members.Distinct().OrderBy(x => x, StringComparer.Ordinal).ToSeq(),
                            c.Spec.ArgoCd.ClusterSecret, c.Spec.ArgoCd.ApplicationSet, c.Spec.ArgoCd.UpdateStrategy),
                        ApplicationDeploymentStatus.Initial))))
                .Sequence()
            from checks in contexts.Bind(c => c.Checks).Map(k => OptionOf(CheckObjectGen(k).Select(o => (k.Name, o)))).Sequence()
            from status in OptionOf(
                from appStatuses in apps.Zip(contexts).Map(p => AppStatus(p.Item1, p.Item2.Target)).Sequence()
                from phase in Gen.Elements(Enum.GetValues<SystemPhase>())
                from waiting in OptionOf(Time)
                select new SystemStatus(spec.Generation, phase, "generated", "", Seq<Condition>(), appStatuses.ToSeq().Strict(), waiting))
            select new World(
                eks.Somes().ToHashMap(),
                secretSeq.Map(s => (s.Name, s)).ToHashMap(),
                setSeq,
                applications.Somes().ToSeq().Strict(),
                ruleMap,
                Seq<TargetGroupBinding>(),
                jobs,
                revision,
                clusterObjects.Somes().ToHashMap(),
                deployments.Somes().ToHashMap(),
                checks.Somes().ToHashMap(),
                status);
    }

    /// <summary>Jobs the planner might look for: keyed by the target hash and by the observed forward config's hash.</summary>
    private static Gen<HashMap<string, JobState>> Jobs(SystemSpec spec, Seq<ApplicationContext> contexts, HashMap<RuleKey, ListenerRule> rules)
    {
        var names = contexts.Bind(c =>
        {
            var hashes = Seq1(c.Target) + c.Spec.Alb.Bind(a => rules.Find(new RuleKey(a.ListenerArn, a.Priority)))
                .Map(r => Hashing.Of(r.Forward)).ToSeq() + Seq1(Hashing.Of(ForwardConfig.Empty));
            return (c.Spec.Prechecks + c.Spec.Postchecks).Bind(j => hashes.Map(h => Naming.Job(spec.Name, c.Spec.Name, j.Name, h)));
        }).Distinct().ToSeq();
        return names.Map(n => OptionOf(Gen.Elements(JobPhase.Running, JobPhase.Succeeded, JobPhase.Succeeded, JobPhase.Failed)
                .Select(p => (n, new JobState(n, p, p == JobPhase.Failed ? "exit code 1" : "")))))
            .Sequence()
            .Select(js => js.Somes().ToHashMap());
    }

    /// <summary>A saved revision: each application's members (any of its clusters) and a forward config over their target groups summing to totalWeight.</summary>
    private static Gen<Revision> RevisionGen(SystemSpec spec, Seq<ApplicationContext> contexts, Seq<string> clusters) =>
        from number in Gen.Choose(1, 3)
        from current in Bool
        from entries in contexts.Map(c =>
            from members in SubsetOf(clusters.Filter(x => x.StartsWith(c.Spec.Name + "-", StringComparison.Ordinal)))
            from forward in c.Spec.Alb.Match(
                alb => members.IsEmpty || alb.TargetGroup is TargetGroupSource.SharedArn
                    ? Gen.Constant(Option<ForwardConfig>.None)
                    : Forward(members.Map(Fixtures.TargetGroup), alb.TotalWeight).Where(f => f.TotalWeight == alb.TotalWeight).Select(Some),
                () => Gen.Constant(Option<ForwardConfig>.None))
            select (c.Spec.Name, new ApplicationRevision(
                members.Map(x => Naming.ClusterSecret(spec.Name, x)).OrderBy(x => x, StringComparer.Ordinal).ToSeq(), forward)))
            .Sequence()
        select new Revision(number,
            current ? Hashing.Of(string.Join(",", contexts.Map(c => c.Target))) : "older-spec",
            entries.ToHashMap());

    /// <summary>A migration, a world for its v2, and a Now.</summary>
    public static Gen<(Migration Migration, World World, DateTimeOffset Now)> Situation =>
        from m in MigrationWithReadiness
        from w in World(m, m.V2)
        from now in Time
        select (m, w, now);

    // ---- scenarios

    public static Gen<HashMap<int, int>> Crashes(int maxRound) =>
        from n in Gen.Choose(1, 4)
        from points in Gen.ListOf(from r in Gen.Choose(0, maxRound) from k in Gen.Choose(0, 6) select (r, k), n)
        select toHashMap(points.DistinctBy(p => p.r));

    public static Gen<ScenarioSpec> Scenario =>
        from checks in Gen.Elements(CheckBehaviour.Pass, CheckBehaviour.Pass, CheckBehaviour.FailFromStep, CheckBehaviour.InconclusiveFromStep)
        from k in Gen.Choose(1, 10)
        from jobs in Gen.Frequency((4, Gen.Constant(Seq<string>())), (1, Gen.Elements(Seq1("pre"), Seq1("post"))))
        from crash in Gen.Frequency((1, Gen.Constant(HashMap<int, int>())), (1, Crashes(40)))
        select new ScenarioSpec(checks, k, jobs, crash);

    // ---- reached worlds: what the loop passes through, where the interesting cases are

    /// <summary>A scenario for reaching worlds: checks that pass or go bad, ArgoCD slow to sync, a new member turning Degraded.</summary>
    public static Gen<ScenarioSpec> ReachScenario =>
        from checks in Gen.Elements(CheckBehaviour.Pass, CheckBehaviour.Pass, CheckBehaviour.FailFromStep, CheckBehaviour.InconclusiveFromStep)
        from k in Gen.Choose(1, 6)
        from sync in Gen.Elements(0, 0, 20, 45)
        from degrade in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 5)))
        from minutes in Gen.Elements(0, 2)
        select new ScenarioSpec(checks, k, Seq<string>(), HashMap<int, int>(),
            SyncDelay: TimeSpan.FromSeconds(sync), DegradeFromStep: degrade, DegradeFor: TimeSpan.FromMinutes(minutes));

    /// <summary>
    /// A world the real loop planned from during a swap (v1 rolled out, then v2 under a
    /// <see cref="ReachScenario"/>), most of the time one whose plan moved traffic (6 in 9) or
    /// dropped members (2 in 9) — at least one application shifts weights; and one time in four with one of its Applications turned Degraded on top, so
    /// the plan meets a member that stopped being Deployed.
    /// </summary>
    public static Gen<(Migration Migration, World World, DateTimeOffset Now)> Reached =>
        from m in Migration.Where(m => m.V2.Applications.Exists(a => a.Alb.Exists(x => x.TargetGroup is TargetGroupSource.FromLabel)))
        from s in ReachScenario
        let trace = Runs.Swap(m, Runs.Setup(m), s)
        let all = trace.Rounds.ToArray()
        let shifts = trace.Rounds.Filter(r => r.Commands.Exists(c => c is Command.SetForwardWeights)).ToArray()
        let shrinks = trace.Rounds.Filter(r => r.Commands.Exists(c => c is Command.ApplyApplicationDeployment { Leaving.IsEmpty: false })).ToArray()
        let choices = new[] { (6, shifts), (2, shrinks), (1, all) }.Where(c => c.Item2.Length > 0)
            .Select(c => (c.Item1, Gen.Elements(c.Item2))).ToArray()
        from round in Gen.Frequency(choices)
        from degrade in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from pick in Gen.Choose(0, Math.Max(0, round.Before.Applications.Count - 1))
        let world = degrade && !round.Before.Applications.IsEmpty
            ? round.Before with
            {
                Applications = round.Before.Applications.Select((a, i) => i == pick ? a with { Health = "Degraded" } : a).ToSeq().Strict(),
            }
            : round.Before
        select (m, world, round.Now);
}
