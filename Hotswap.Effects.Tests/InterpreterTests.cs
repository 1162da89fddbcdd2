using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

/// <summary>
/// The interpreter, driven directly against the simulated ports: every handler is idempotent,
/// AlreadyExists is success for what it creates, a failure stops only its own object's commands,
/// and a failure becomes an outcome with the port's error kind and message.
/// </summary>
public sealed class InterpreterTests
{
    private static readonly DateTimeOffset Now = ScenarioDocument.DefaultStart;
    private static readonly RuleKey WebRule = new(Some.Listener, 10);
    private static readonly RuleKey ApiRule = new(Some.Listener, 11);

    /// <summary>The simulated world seeded with <see cref="Some.TwoOld"/>, EKS clusters all ACTIVE.</summary>
    private sealed class Bench
    {
        public SimulatedWorld World { get; }
        public FailingLoadBalancer Alb { get; }
        public Interpreter Interpreter { get; }

        public Bench(PortException? albError = null, params RuleKey[] failing)
        {
            World = new SimulatedWorld(SimulationScenario.Default with { EksReadyDelay = TimeSpan.Zero }, seed: 1);
            World.Seed(Seq1(Some.TwoOld));
            Alb = new FailingLoadBalancer(World.LoadBalancer,
                albError ?? new PortException(PortErrorKind.Throttled, "Throttling: Rate exceeded"),
                failing.Select(r => World.LoadBalancer.AddRule(r.ListenerArn, r.Priority)).ToArray());
            Interpreter = new Interpreter(World.Ports with { LoadBalancer = Alb }, new PortCalls());
        }

        public Task<World> Snapshot() => World.SnapshotAsync(Some.TwoOld);

        /// <summary>The world as the observer reads it, with the rules as DescribeRules returned them.</summary>
        public async Task<Observation> Observe() =>
            (await new Observer(World.Ports, new PortCalls()).ObserveAsync(Some.TwoOld))
            .Match(o => o, e => throw new Xunit.Sdk.XunitException(e.ToString()));

        public async Task<Seq<Outcome>> Run(params Command[] commands)
        {
            var observed = await Observe();
            return await Interpreter.ExecuteAsync(Some.System, commands.ToSeq(), observed.World, Now, rules: observed.Rules);
        }
    }

    private static ArgoCDClusterSpec ClusterSpec(string name) =>
        new($"sys-{name}", Some.System, name, name, None, true, None, Map(("role", "web")));

    private static Command Secret(string name) => new Command.WriteClusterSecret($"sys-{name}", $"sys-{name}", $"https://{name}.example", "{}");

    private static Command Join(string name) => new Command.JoinMembership($"sys-{name}", "web-clusters", Map(("svc-role", "web")));

    private static readonly CheckObjectSpec CheckSpec = new(
        "sys-web-errors", Some.System, "web", "errors", None, "sum:errors{*}", None, Some(0.05), TimeSpan.FromMinutes(1),
        MetricProvider.Datadog, 0, 3, false, "h1");

    private static ForwardConfig Weights(params (string Cluster, int Weight)[] weights) =>
        ForwardConfig.Of(weights.Select(w => new TargetGroupWeight(Some.TargetGroup(w.Cluster), w.Weight)));

    private static Command.CreateJob Job(string application = "web") =>
        new($"sys-{application}-smoke-abc", application, "smoke", JobKind.Precheck, "{}", "abc");

    /// <summary>Each case: what has run before (setup), and the command that then runs twice.</summary>
    public static TheoryData<string> Handlers => new(
        "SaveRevision", "ApplyArgoCDCluster", "DeleteArgoCDCluster", "ApplyApplicationDeployment", "ApplyCheck",
        "DeleteCheck", "SetForwardWeights", "CreateJob", "WriteClusterSecret", "JoinMembership", "LeaveMembership");

    private static (Command[] Setup, Command Command) Case(string handler) => handler switch
    {
        "SaveRevision" => ([], new Command.SaveRevision(Some.System,
            new Revision(1, "spec-1", HashMap(("web", new ApplicationRevision(Seq1("sys-web-1-v1"), None)))))),
        "ApplyArgoCDCluster" => ([], new Command.ApplyArgoCDCluster(ClusterSpec("web-1-v1"))),
        "DeleteArgoCDCluster" => ([new Command.ApplyArgoCDCluster(ClusterSpec("web-1-v1"))], new Command.DeleteArgoCDCluster("sys-web-1-v1")),
        "ApplyApplicationDeployment" => ([], new Command.ApplyApplicationDeployment(new ApplicationDeploymentSpec(
            "sys-web", Some.System, "web", Seq1("sys-web-1-v1"), new ClusterSecretSpec("web-clusters", Map(("svc-role", "web"))),
            new ApplicationSetRef(Some("web"), Map<string, string>()), UpdateStrategyType.CreateBeforeDelete))),
        "ApplyCheck" => ([], new Command.ApplyCheck(CheckSpec)),
        "DeleteCheck" => ([new Command.ApplyCheck(CheckSpec)], new Command.DeleteCheck(CheckSpec.Name)),
        "SetForwardWeights" => ([], new Command.SetForwardWeights("web", WebRule, Weights(("web-1-v1", 50), ("web-2-v1", 50)))),
        "CreateJob" => ([], Job()),
        "WriteClusterSecret" => ([], Secret("web-1-v1")),
        "JoinMembership" => ([Secret("web-1-v1")], Join("web-1-v1")),
        "LeaveMembership" => ([Secret("web-1-v1"), Join("web-1-v1")],
            new Command.LeaveMembership("sys-web-1-v1", "web-clusters", Map(("svc-role", "web")), Seq<string>())),
        _ => throw new ArgumentOutOfRangeException(nameof(handler), handler, "no such case"),
    };

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Running_a_command_twice_succeeds_both_times_and_leaves_the_world_as_running_it_once(string handler)
    {
        var bench = new Bench();
        var (setup, command) = Case(handler);
        Assert.All(await bench.Run(setup), o => Assert.True(o.Succeeded, o.ToString()));

        var first = Assert.Single(await bench.Run(command));
        var once = await bench.Snapshot();
        var second = Assert.Single(await bench.Run(command));
        var twice = await bench.Snapshot();

        Assert.True(first.Succeeded, first.ToString());
        Assert.True(second.Succeeded, $"{handler} run again: {second}");
        Assert.Equal(once, twice);
    }

    [Fact]
    public async Task Creating_a_job_that_already_exists_is_success()
    {
        var bench = new Bench();
        await bench.World.Kubernetes.CreateJobAsync(Job().Name, Map<string, string>(), "{}");

        var outcome = Assert.Single(await bench.Run(Job()));

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal("already created", outcome.Reason);
    }

    [Fact]
    public async Task Saving_a_revision_whose_number_is_taken_is_success()
    {
        var bench = new Bench();
        var (_, save) = Case("SaveRevision");
        await bench.World.Kubernetes.SaveRevisionAsync(Some.System, ((Command.SaveRevision)save).Revision);

        var outcome = Assert.Single(await bench.Run(save));

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal("already saved", outcome.Reason);
    }

    [Fact]
    public async Task Writing_a_cluster_secret_that_already_exists_patches_its_data()
    {
        var bench = new Bench();
        await bench.Run(Secret("web-1-v1"));
        var moved = new Command.WriteClusterSecret("sys-web-1-v1", "sys-web-1-v1", "https://moved.example", "{}");

        var outcome = Assert.Single(await bench.Run(moved));

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal("https://moved.example", (await bench.Snapshot()).ClusterSecrets["sys-web-1-v1"].Server);
    }

    [Fact]
    public async Task A_failed_command_stops_the_rest_of_its_application_but_not_another_application_or_a_check()
    {
        var bench = new Bench(null, WebRule);
        await bench.Run(new Command.ApplyCheck(CheckSpec));
        var webWeights = new Command.SetForwardWeights("web", WebRule, Weights(("web-1-v1", 50), ("web-2-v1", 50)));
        var webJob = Job("web");
        var apiWeights = new Command.SetForwardWeights("api", ApiRule, Weights(("api-v1", 100)));
        var measure = new Command.RunAnalysis(CheckSpec.Name, MetricProvider.Datadog, CheckSpec.Query);

        var outcomes = await bench.Run(webWeights, webJob, apiWeights, measure);
        var world = await bench.Snapshot();

        Assert.Equal(Seq<Command>(webWeights, apiWeights, measure), outcomes.Map(o => o.Command));
        Assert.False(outcomes[0].Succeeded);
        Assert.True(outcomes[1].Succeeded && outcomes[2].Succeeded, string.Join("; ", outcomes));
        Assert.False(world.Jobs.ContainsKey(webJob.Name), "web's Job ran after web's failed weight write");
        Assert.Equal(Weights(("api-v1", 100)), world.Rules[ApiRule].Forward);
        Assert.True(outcomes[2].Reading.IsSome, "the check was measured");
    }

    public static TheoryData<string, PortErrorKind, string> Errors => new()
    {
        { "throttled after retries", PortErrorKind.Throttled, "Throttling: Rate exceeded" },
        { "a 5xx", PortErrorKind.ServerError, "InternalFailure (503)" },
        { "rejected by AWS", PortErrorKind.Validation, "ValidationError: weight 1000 is out of range" },
        { "rule deleted meanwhile", PortErrorKind.NotFound, "RuleNotFound: One or more rules not found" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task A_port_failure_becomes_an_outcome_with_its_error_kind_and_message(string because, PortErrorKind kind, string message)
    {
        var bench = new Bench(new PortException(kind, message), WebRule);
        var write = new Command.SetForwardWeights("web", WebRule, Weights(("web-1-v1", 50), ("web-2-v1", 50)));

        var outcome = Assert.Single(await bench.Run(write));

        Assert.False(outcome.Succeeded, because);
        Assert.Equal(Some(kind), outcome.Error);
        Assert.Equal(message, outcome.Reason);
        var failure = outcome.Failure(Now).IfNone(() => throw new Xunit.Sdk.XunitException("no failure"));
        Assert.Equal(("set-weights", kind.ToString(), message), (failure.Action, failure.Code, failure.Message));
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_an_outcome_too_and_never_escapes()
    {
        var bench = new Bench();
        var interpreter = new Interpreter(
            bench.World.Ports with { LoadBalancer = new ThrowingLoadBalancer() }, new PortCalls());
        var write = new Command.SetForwardWeights("web", WebRule, Weights(("web-1-v1", 100)));

        var observed = await bench.Observe();
        var outcomes = await interpreter.ExecuteAsync(Some.System, Seq1<Command>(write), observed.World, Now, rules: observed.Rules);

        var outcome = Assert.Single(outcomes);
        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Error.IsNone);
        Assert.Contains("InvalidOperationException: the connection was reset", outcome.Reason);
    }

    private sealed class ThrowingLoadBalancer : ILoadBalancer
    {
        public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default) =>
            throw new InvalidOperationException("the connection was reset");

        public Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default) =>
            throw new InvalidOperationException("the connection was reset");

        public Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default) =>
            throw new InvalidOperationException("the connection was reset");
    }
}
