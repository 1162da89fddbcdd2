using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Properties.Model;
using Xunit;

namespace Hotswap.Properties;

/// <summary>
/// Issue 9's planner gaps, each reproduced as one case through the model loop (the real planners
/// over the model world): on the planners before the fix each of these failed.
/// </summary>
public sealed class PlannerGapsFixed
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>web on web-1-v1 moving to web-1-v2 in 10 steps, one check every minute.</summary>
    private static Migration Web(TimeSpan? deadline = null, Seq<JobCheckSpec> prechecks = default) =>
        Pair(Seq1("web-1-v1"), Seq1("web-1-v2"), Fixtures.App("web", 10, Some((10, 100)),
            checks: Seq1(Fixtures.Check("errors", Minute)), prechecks: prechecks) with
        {
            ProgressDeadline = deadline.HasValue ? Some(deadline.Value) : None,
        });

    private static Migration Pair(Seq<string> v1, Seq<string> v2, params ApplicationSpec[] apps)
    {
        var role = apps[0].Name;
        var spec = Fixtures.SystemOf(Seq<ClusterSpec>(), apps);
        return new Migration(
            spec with { Clusters = v1.Map(c => Fixtures.Cluster(c, role)) },
            spec with { Generation = 2, Clusters = v2.Map(c => Fixtures.Cluster(c, role)) },
            (v1 + v2).Distinct().ToSeq());
    }

    private static ApplicationStatus Web(Loop.Trace t) =>
        t.Final.SystemStatus.Bind(s => s.Application("web")).IfNone(() => throw new Xunit.Sdk.XunitException("no status for web"));

    /// <summary>
    /// Item 1: web-1-v2's Application turns Degraded at step 3 (30% of the traffic on it) for good.
    /// Before: web froze at "0/1" with its checks suspended, requeueing forever. Now: the real step
    /// is shown with the checks running, and past progressDeadline web fails and rolls back to v1.
    /// </summary>
    [Fact]
    public void A_new_member_that_turns_Degraded_with_traffic_on_it_rolls_back_within_the_deadline()
    {
        var m = Web();
        var setup = Runs.Setup(m);
        var swap = Runs.Swap(m, setup, ScenarioSpec.AllPass with { DegradeFromStep = 3 });

        Assert.True(swap.FixedPoint, "reaches a fixed point:\n" + swap.Tail(6));
        Assert.Empty(swap.Violations);
        Assert.Equal(ApplicationPhase.Reverted, Web(swap).Phase);
        Assert.Equal(EndState.Of(m.V1, setup.Final).Applications["web"], EndState.Of(m.V2, swap.Final).Applications["web"]);
        var degraded = swap.Rounds.Filter(r => r.Status.Application("web").Exists(a => a.WaitingFor == "new-members"));
        Assert.NotEmpty(degraded);
        Assert.All(degraded, r => Assert.True(r.Status.Application("web").Exists(a => a.Step >= 3 && a.Steps == 10),
            $"the real step is shown: {r.Status.Application("web")}"));
        Assert.All(degraded.Bind(r => r.Before.Checks.Values.Filter(c => c.Spec.Application == "web")),
            c => Assert.False(c.Spec.Suspended, "checks keep running"));
        var failed = swap.Rounds.Find(r => r.Status.Application("web").Exists(a => a.Phase == ApplicationPhase.CheckFailed))
            .IfNone(() => throw new Xunit.Sdk.XunitException("web never failed"));
        Assert.Contains("progressDeadline 10m passed while waiting for new members carrying traffic to be Deployed again",
            failed.Status.Application("web").Map(a => a.Message).IfNone(""));
        var reverted = swap.Rounds.Find(r => r.Status.Application("web").Exists(a => a.Phase == ApplicationPhase.Reverted))
            .IfNone(() => throw new Xunit.Sdk.XunitException("web never reverted"));
        var since = degraded.Head.Now;
        Assert.True(reverted.Now - since <= Fixtures.SystemOf(Seq<ClusterSpec>()).Rollback.Delay + TimeSpan.FromMinutes(10) + Minute,
            $"back on v1 within progressDeadline + rollback.delay: degraded at {since:T}, reverted at {reverted.Now:T}");
    }

    /// <summary>Item 1: a new member that recovers within the deadline lets the migration finish.</summary>
    [Fact]
    public void A_new_member_that_recovers_within_the_deadline_completes_the_migration()
    {
        var m = Web();
        var swap = Runs.Swap(m, Runs.Setup(m), ScenarioSpec.AllPass with { DegradeFromStep = 3, DegradeFor = TimeSpan.FromMinutes(3) });

        Assert.True(swap.FixedPoint, swap.Tail(6));
        Assert.Empty(swap.Violations);
        Assert.Equal(ApplicationPhase.Synced, Web(swap).Phase);
    }

    /// <summary>Item 1: ArgoCD that never deploys the new member fails the application at its progressDeadline.</summary>
    [Fact]
    public void Waiting_for_members_to_be_Deployed_is_bounded_by_progressDeadline()
    {
        var m = Web(deadline: TimeSpan.FromMinutes(2));
        var swap = Runs.Swap(m, Runs.Setup(m), ScenarioSpec.AllPass with { SyncDelay = TimeSpan.FromHours(5) });

        Assert.True(swap.FixedPoint, swap.Tail(6));
        Assert.Equal(ApplicationPhase.Reverted, Web(swap).Phase);
        Assert.Contains(swap.Rounds, r => r.Status.Application("web").Exists(a =>
            a.Phase == ApplicationPhase.CheckFailed && a.Message.Contains("progressDeadline 2m passed while waiting for new members to be Deployed", StringComparison.Ordinal)));
    }

    /// <summary>
    /// Item 3: a precheck fails for web-1-v2 and web rolls back, restoring the forward config the
    /// precheck ran against. The spec then moves web to web-2-v2: a new target runs a fresh Job.
    /// Before: the Job was named from the forward config alone, so web-2-v2 found the old Failed
    /// Job and failed at once.
    /// </summary>
    [Fact]
    public void A_failed_precheck_does_not_block_a_new_target()
    {
        var pre = Seq1(new JobCheckSpec("pre", "{\"spec\":{}}"));
        var first = Web(prechecks: pre);
        var setup = Runs.Setup(first);
        var failing = Runs.Swap(first, setup, ScenarioSpec.AllPass with { FailingJobs = Seq1("pre") });
        Assert.Equal(ApplicationPhase.Reverted, Web(failing).Phase);

        var next = Pair(Seq1("web-1-v1"), Seq1("web-2-v2"), first.V2.Applications[0]);
        var v3 = next.V2 with { Generation = 3 };
        var world = failing.Final with
        {
            EksClusters = failing.Final.EksClusters.Add("web-2-v2", new EksCluster("web-2-v2", EksClusterState.Active,
                Some(Gens.Endpoint("web-2-v2")), Some("Q0EK"), None)),
        };
        var retry = Loop.Run(v3, world, Scenario.AllPass, failing.End, Fixtures.InvariantsFor(Fixtures.System,
            Seq("web-1-v1", "web-1-v2", "web-2-v2")));

        Assert.True(retry.FixedPoint, retry.Tail(6));
        Assert.Empty(retry.Violations);
        Assert.Equal(ApplicationPhase.Synced, Web(retry).Phase);
    }

    /// <summary>Item 3: finished Jobs are cleaned up, the newest few of each application kept.</summary>
    [Fact]
    public void Finished_jobs_beyond_the_last_few_are_deleted_and_jobs_in_use_never()
    {
        var jobs = Enumerable.Range(0, 6).Select(i => new JobState($"sys-web-pre-{i}", i == 5 ? JobPhase.Running : JobPhase.Succeeded, "",
            "web", Some(Fixtures.Start.AddMinutes(i)))).ToSeq()
            + Seq1(new JobState("sys-api-pre-0", JobPhase.Failed, "", "api", Some(Fixtures.Start)));
        var world = World.Empty with { Jobs = jobs.Map(j => (j.Name, j)).ToHashMap() };

        var deletes = JobCleanup.Plan(world, () => HashMap(("web", Seq1("sys-web-pre-0"))));

        Assert.Equal(new[] { "job/sys-web-pre-1" }, deletes.Map(d => d.Target).ToArray());
    }

    /// <summary>
    /// Item 5: api is added to the System while web is mid-migration, and its check fails. Before:
    /// api had no entry in the saved revision, so its failure ended in FailedReverting. Now: it gets
    /// an entry before its first write, and reverts.
    /// </summary>
    [Fact]
    public void An_application_added_mid_migration_can_revert()
    {
        var m = Web();
        var setup = Runs.Setup(m);
        var halfway = Loop.Run(m.V2, setup.Final, Scenario.AllPass, setup.End, m.Invariants,
            stopBefore: plan => plan.System.Status.Application("web").Exists(a => a.Step == 3));
        var api = Fixtures.App("api", 20, Some((50, 100)), checks: Seq1(Fixtures.Check("errors", Minute)));
        var withApi = m.V2 with
        {
            Generation = 3,
            Applications = m.V2.Applications.Add(api),
            Clusters = m.V2.Clusters.Add(Fixtures.Cluster("api-1-v2", "api")),
        };
        var world = halfway.Final with
        {
            EksClusters = halfway.Final.EksClusters.Add("api-1-v2", new EksCluster("api-1-v2", EksClusterState.Active,
                Some(Gens.Endpoint("api-1-v2")), Some("Q0EK"), None)),
            ApplicationSets = halfway.Final.ApplicationSets.Add(new ApplicationSetState("api", Map<string, string>(), api.ArgoCd.ClusterSecret.Labels, false)),
            Rules = halfway.Final.Rules.Add(new RuleKey(Fixtures.Listener, 20), new ListenerRule(new RuleKey(Fixtures.Listener, 20), "rule-20", ForwardConfig.Empty)),
        };
        var scenario = new ScenarioSpec(CheckBehaviour.FailFromStep, 1, Seq<string>(), HashMap<int, int>()).ToScenario() with
        {
            Reading = (spec, w) => spec.Application == "api" ? new Core.Children.MetricReading.Value(1.0) : Scenario.AllPass.Reading(spec, w),
        };

        var rest = Loop.Run(withApi, world, scenario, halfway.End, Fixtures.InvariantsFor(Fixtures.System, Seq("web-1-v1", "web-1-v2", "api-1-v2")));

        Assert.True(rest.FixedPoint, rest.Tail(6));
        Assert.Empty(rest.Violations);
        var status = rest.Final.SystemStatus.Map(s => s.Applications).IfNone(Seq<ApplicationStatus>());
        Assert.Contains(status, a => a.Name == "api" && a.Phase == ApplicationPhase.Reverted);
        Assert.Contains(status, a => a.Name == "web" && a.Phase == ApplicationPhase.Synced);
    }

    /// <summary>
    /// Item 6: web has shifted traffic when api's new cluster's EKS goes UPDATING for 15 minutes. Before:
    /// the System-wide gate closed, holding web with its checks off, forever. Now: web, which does
    /// not use that cluster, finishes; api, which does, fails at its deadline and rolls back.
    /// </summary>
    [Fact]
    public void Readiness_loss_of_one_cluster_holds_only_the_applications_that_use_it()
    {
        var web = Fixtures.App("web", 10, Some((10, 100)), checks: Seq1(Fixtures.Check("errors", Minute)));
        var api = Fixtures.App("api", 20, Some((10, 100)), checks: Seq1(Fixtures.Check("errors", Minute)));
        var spec = Fixtures.SystemOf(Seq<ClusterSpec>(), web, api);
        var m = new Migration(
            spec with { Clusters = Seq(Fixtures.Cluster("web-1-v1", "web"), Fixtures.Cluster("api-1-v1", "api")) },
            spec with { Generation = 2, Clusters = Seq(Fixtures.Cluster("web-1-v2", "web"), Fixtures.Cluster("api-1-v2", "api")) },
            Seq("web-1-v1", "api-1-v1", "web-1-v2", "api-1-v2"));

        var swap = Runs.Swap(m, Runs.Setup(m), ScenarioSpec.AllPass with
        {
            UpdatingFromStep = 2, UpdatingFor = TimeSpan.FromMinutes(15), FaultsFor = Seq1("api"),
        });

        Assert.True(swap.FixedPoint, swap.Tail(6));
        Assert.Empty(swap.Violations);
        var status = swap.Final.SystemStatus.Map(s => s.Applications).IfNone(Seq<ApplicationStatus>());
        Assert.True(status.Exists(a => a.Name == "web" && a.Phase == ApplicationPhase.Synced), string.Join("; ", status));
        Assert.True(status.Exists(a => a.Name == "api" && a.Phase == ApplicationPhase.Reverted), string.Join("; ", status));
        Assert.Contains(swap.Rounds, r => r.Status.Application("api").Exists(a => a.WaitingFor == "readiness"));
    }

    /// <summary>
    /// Item 7: two old clusters hold 50/50; web-1-v1's target group ARN sorts after web-2-v1's.
    /// Step 1 of 3 (stepWeight 33) leaves 67 on the old side: the spare unit goes to the first
    /// cluster by name, web-1-v1 — before, to the first ARN.
    /// </summary>
    [Fact]
    public void Old_side_ties_are_broken_by_cluster_name()
    {
        const string late = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/zz-web-1-v1/0a";
        const string early = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/aa-web-2-v1/0b";
        ClusterSpec WithArn(string name, string arn) => Fixtures.Cluster(name, "web") with
        {
            Labels = Map(("role", "web"), ("targetGroupARN", arn)),
        };
        var app = Fixtures.App("web", 10, Some((33, 100)));
        var spec = Fixtures.SystemOf(Seq<ClusterSpec>(), app);
        var m = new Migration(
            spec with { Clusters = Seq(WithArn("web-1-v1", late), WithArn("web-2-v1", early)) },
            spec with { Generation = 2, Clusters = Seq1(Fixtures.Cluster("web-1-v2", "web")) },
            Seq("web-1-v1", "web-2-v1", "web-1-v2"));
        var invariants = new Core.Safety.SafetyInvariants(HashMap(
            (late, "sys-web-1-v1"), (early, "sys-web-2-v1"), (Fixtures.TargetGroup("web-1-v2"), "sys-web-1-v2")));
        var setup = Loop.Run(m.V1, m.Start, Scenario.AllPass, Fixtures.Start, invariants);

        var swap = Loop.Run(m.V2, setup.Final, Scenario.AllPass, setup.End, invariants,
            stopBefore: plan => plan.System.Status.Application("web").Exists(a => a.Step == 2));

        var first = swap.Rounds.Bind(r => r.Commands).Choose(c => c is Command.SetForwardWeights w ? Some(w.Forward) : None).Head;
        Assert.Equal(34, first.WeightOf(late));
        Assert.Equal(33, first.WeightOf(early));
        Assert.Equal(33, first.WeightOf(Fixtures.TargetGroup("web-1-v2")));
    }

    /// <summary>
    /// Item 9: the plan that decides to decommission the old cluster — the System's new membership
    /// for web — is itself destructive and names the Application ArgoCD will delete. Before: it
    /// showed destructive=false; LeaveMembership appeared one reconcile later.
    /// </summary>
    [Fact]
    public void The_plan_that_decides_the_decommission_shows_it_as_destructive()
    {
        var m = Web();
        var setup = Runs.Setup(m);
        var swap = Loop.Run(m.V2, setup.Final, Scenario.AllPass, setup.End, m.Invariants,
            stopBefore: plan => plan.System.Commands.Exists(c => c is Command.ApplyApplicationDeployment { Leaving.IsEmpty: false }));

        var plan = Reconciliation.Plan(m.V2, swap.Final, swap.End);
        var decide = plan.System.Commands.Choose(c => c is Command.ApplyApplicationDeployment a && !a.Leaving.IsEmpty ? Some(a) : None).Head;

        Assert.True(decide.Destructive);
        Assert.Equal(Seq1("sys-web-1-v1"), decide.Leaving);
        Assert.Equal(Seq1("web-sys-web-1-v1"), decide.Decommissions);
        Assert.Contains("sys-web-1-v1 leave web-clusters; decommissions web-sys-web-1-v1", decide.Detail);
        Assert.Empty(plan.AllCommands.Filter(c => c is Command.LeaveMembership));
    }

    /// <summary>
    /// ALB takes at most 5 target groups per forward action: moving 3 old clusters to 3 new ones
    /// would need 6 at step 1. The planner stops with a message instead of writing them.
    /// </summary>
    [Fact]
    public void The_planner_never_writes_more_than_5_target_groups()
    {
        var old = Seq("web-1-v1", "web-2-v1", "web-3-v1");
        var m = Pair(old, Seq("web-1-v2", "web-2-v2", "web-3-v2"), Fixtures.App("web", 10, Some((10, 100))));

        var swap = Runs.Swap(m, Runs.Setup(m), ScenarioSpec.AllPass);

        var writes = swap.Executed.Choose(c => c is Command.SetForwardWeights w ? Some(w.Forward) : None);
        Assert.All(writes, f => Assert.True(f.TargetGroups.Count <= 5, $"wrote {f}"));
        Assert.Equal(ApplicationPhase.Failed, Web(swap).Phase);
        Assert.Contains("would need 6 target groups (3 old + 3 new); ALB allows 5", Web(swap).Message);
    }
}
