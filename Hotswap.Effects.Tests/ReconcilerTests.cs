using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

/// <summary>
/// The per-kind reconcilers over the simulated world: a failed command is an input to the next
/// plan and shows in its object's status, one application's failure does not hold back another,
/// and every child reports observedGeneration and conditions.
/// </summary>
public sealed class ReconcilerTests
{
    private static readonly RuleKey WebRule = new(Some.Listener, 10);

    private static ForwardConfig Even(params string[] clusters) =>
        ForwardConfig.Of(clusters.Select(c => new TargetGroupWeight(Some.TargetGroup(c), 100 / clusters.Length)));

    /// <summary>The world with <see cref="Some.TwoOld"/> rolled out and Synced; the ALB can be made to fail for web's rule.</summary>
    private sealed class Bench
    {
        public SimulatedWorld World { get; } = new(SimulationScenario.Default with { EksReadyDelay = TimeSpan.Zero }, seed: 1);
        public FailingLoadBalancer Alb { get; }
        public ReconcileLoop Loop { get; }

        public Bench()
        {
            World.Seed(Seq(Some.TwoOld, Some.TwoNew));
            Alb = new FailingLoadBalancer(World.LoadBalancer, new PortException(PortErrorKind.Throttled, "Throttling: Rate exceeded"),
                World.LoadBalancer.AddRule(WebRule.ListenerArn, WebRule.Priority)) { Failing = false };
            Loop = new ReconcileLoop(World.Ports with { LoadBalancer = Alb }, retries: RetryPolicy.None);
        }

        public SystemStatus Status => World.Kubernetes.SystemStatusOf(Some.System).IfNone(SystemStatus.Initial);

        public ApplicationStatus App(string name) =>
            Status.Application(name).IfNone(() => throw new Xunit.Sdk.XunitException($"no status for {name}"));

        /// <summary>Passes of the loop, moving time as the simulator does, until <paramref name="done"/>.</summary>
        public async Task<ReconcileReport> Until(SystemSpec spec, Func<ReconcileReport, bool> done, string what, int max = 5000)
        {
            for (var i = 0; i < max; i++)
            {
                var report = await Loop.ReconcileOnceAsync(spec, World.Clock.Now);
                if (done(report)) return report;
                var requeue = report.RequeueAfter.IfNone(TimeSpan.FromSeconds(1));
                World.Clock.Advance(report.Failed ? Simulator.Backoff
                    : !report.Planned.IsEmpty ? Simulator.ReconcileTime
                    : requeue < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : requeue);
            }
            throw new Xunit.Sdk.XunitException($"not {what} after {max} passes: {Status.Message}");
        }

        public Task<ReconcileReport> Synced(SystemSpec spec) =>
            Until(spec, r => r.Planned.IsEmpty && r.RequeueAfter.IsNone && Status.Phase == SystemPhase.Synced, "Synced");
    }

    private static bool WebWriteFailed(ReconcileReport r) =>
        r.Outcomes.Exists(o => !o.Succeeded && o.Command is Core.Planning.Command.SetForwardWeights { Application: "web" });

    [Fact]
    public async Task A_failed_weight_write_keeps_the_real_step_and_shows_the_failure_in_status()
    {
        var bench = new Bench();
        await bench.Synced(Some.TwoOld);
        bench.Alb.Failing = true;

        await bench.Until(Some.TwoNew, WebWriteFailed, "web's weight write attempted");

        var web = bench.App("web");
        var failure = web.LastFailure.IfNone(() => throw new Xunit.Sdk.XunitException($"no lastFailure: {web}"));
        Assert.Equal(0, web.Step);
        Assert.Equal(Some(Even("web-1-v1", "web-2-v1")), web.Weights);
        Assert.Equal(("set-weights", "Throttled", "Throttling: Rate exceeded"), (failure.Action, failure.Code, failure.Message));
        Assert.StartsWith("set-weights rule/", web.Message);
        var degraded = bench.Status.Conditions.Find(c => c.Type == "Degraded").IfNone(() => throw new Xunit.Sdk.XunitException("no Degraded"));
        Assert.Equal(("True", "Throttled"), (degraded.Status, degraded.Reason));
        Assert.Contains("application web: set-weights", bench.Status.Message);
    }

    [Fact]
    public async Task While_web_cannot_write_its_weights_api_migrates_to_the_end_and_checks_keep_measuring()
    {
        var bench = new Bench();
        await bench.Synced(Some.TwoOld);
        bench.Alb.Failing = true;

        await bench.Until(Some.TwoNew, _ => bench.Status.Application("api").Exists(a => a.Phase == ApplicationPhase.Synced),
            "api Synced while web fails");

        Assert.True(bench.App("web").LastFailure.IsSome, bench.App("web").Message);
        Assert.Equal(Even("web-1-v1", "web-2-v1"), (await bench.World.SnapshotAsync(Some.TwoNew)).Rules[WebRule].Forward);
        Assert.Contains(bench.World.Kubernetes.CheckObjects.All, o => o.Spec.Application == "api" && !o.Status.Results.IsEmpty);
    }

    [Fact]
    public async Task Once_the_write_succeeds_the_failure_is_cleared_and_the_migration_ends_synced()
    {
        var bench = new Bench();
        await bench.Synced(Some.TwoOld);
        bench.Alb.Failing = true;
        await bench.Until(Some.TwoNew, WebWriteFailed, "web's weight write attempted");
        bench.Alb.Failing = false;

        await bench.Synced(Some.TwoNew);

        Assert.All(bench.Status.Applications, a => Assert.True(a.LastFailure.IsNone, a.ToString()));
        Assert.Contains(bench.Status.Conditions, c => c is { Type: "Degraded", Status: "False" });
        Assert.Equal(Even("web-1-v2", "web-2-v2"), (await bench.World.SnapshotAsync(Some.TwoNew)).Rules[WebRule].Forward);
    }

    [Fact]
    public async Task Every_child_reports_its_observed_generation_and_ready_progressing_degraded()
    {
        var bench = new Bench();
        await bench.Synced(Some.TwoOld);
        await bench.Synced(Some.TwoNew);
        var k = bench.World.Kubernetes;

        static void Reports(string what, long generation, long observed, Seq<Condition> conditions)
        {
            Assert.True(generation == observed, $"{what}: observedGeneration {observed}, generation {generation}");
            Assert.Equal(Seq("Ready", "Progressing", "Degraded"), conditions.Map(c => c.Type));
        }

        foreach (var o in k.ArgoCDClusterObjects.All)
        {
            Reports(o.Name, o.Generation, o.Status.ObservedGeneration, o.Status.Conditions);
            Assert.Contains(o.Status.Conditions, c => c is { Type: "Ready", Status: "True" });
        }
        foreach (var o in k.DeploymentObjects.All)
        {
            Reports(o.Name, o.Generation, o.Status.ObservedGeneration, o.Status.Conditions);
            Assert.Contains(o.Status.Conditions, c => c is { Type: "Ready", Status: "True", Reason: "Deployed" });
        }
        foreach (var o in k.CheckObjects.All) Reports(o.Name, o.Generation, o.Status.ObservedGeneration, o.Status.Conditions);
        Assert.Contains(k.DeploymentObjects.All, o => o.Generation > 1);
    }

    /// <summary>An ALB whose DescribeRules fails for every listener, as an unreachable or forbidden API would.</summary>
    private sealed class UnreadableRules(ILoadBalancer inner, PortException error) : ILoadBalancer
    {
        public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default) =>
            throw error;

        public Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default) =>
            inner.ModifyRuleAsync(ruleArn, actions, cancellation);

        public Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default) =>
            inner.DescribeTargetHealthAsync(targetGroupArn, cancellation);
    }

    [Fact]
    public async Task A_System_whose_world_cannot_be_observed_says_why_in_its_status()
    {
        var bench = new Bench();
        await bench.Synced(Some.TwoOld);
        var loop = new ReconcileLoop(bench.World.Ports with
        {
            LoadBalancer = new UnreadableRules(bench.World.LoadBalancer, new PortException(PortErrorKind.Forbidden,
                "elbv2.DescribeRules: AccessDenied: not authorized to perform elasticloadbalancing:DescribeRules")),
        }, retries: RetryPolicy.None);

        var report = await loop.ReconcileOnceAsync(Some.TwoNew, bench.World.Clock.Now);

        Assert.True(report.ObserveError.IsSome);
        Assert.Equal(SystemPhase.Synced, bench.Status.Phase);
        Assert.Contains("could not observe the System's world, retrying: Forbidden: elbv2.DescribeRules: AccessDenied", bench.Status.Message);
        var degraded = Assert.Single(bench.Status.Conditions, c => c.Type == "Degraded");
        Assert.Equal(("True", "ObservationFailed"), (degraded.Status, degraded.Reason));
        var version = (await bench.World.Kubernetes.GetSystemAsync(Some.System)).ResourceVersion;
        await loop.ReconcileOnceAsync(Some.TwoNew, bench.World.Clock.Now.AddSeconds(1));
        Assert.Equal(version, (await bench.World.Kubernetes.GetSystemAsync(Some.System)).ResourceVersion);
    }

    [Fact]
    public async Task A_listener_that_does_not_exist_is_a_rule_not_found_not_an_unreadable_world()
    {
        var bench = new Bench();
        var loop = new ReconcileLoop(bench.World.Ports with
        {
            LoadBalancer = new UnreadableRules(bench.World.LoadBalancer, new PortException(PortErrorKind.NotFound,
                "elbv2.DescribeRules: ListenerNotFound: The specified listener does not exist.")),
        }, retries: RetryPolicy.None);

        for (var i = 0; i < 20; i++)
        {
            var report = await loop.ReconcileOnceAsync(Some.TwoOld, bench.World.Clock.Now);
            Assert.True(report.ObserveError.IsNone, report.ObserveError.IfNone(""));
            bench.World.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Contains("listener rule with priority 10 not found", bench.App("web").Message);
    }
}
