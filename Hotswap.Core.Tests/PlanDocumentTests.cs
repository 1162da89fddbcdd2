using System.Text.Json;
using Hotswap.Core.Children;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace Hotswap.Core.Tests;

public class PlanDocumentTests
{
    private static readonly string V1 = SampleWorld.TargetGroup("web-1-v1");
    private static readonly string V2 = SampleWorld.TargetGroup("web-1-v2");

    private static SystemPlan StepFour()
    {
        var forward = SampleWorld.Forward((V1, 60), (V2, 40));
        var status = SampleWorld.Rich().SystemStatus.IfNone(SystemStatus.Initial);
        var commands = Seq<Command>(
            new Command.SetForwardWeights("web", new RuleKey(SampleWorld.Listener, 10), forward),
            new Command.JoinMembership("mysystem-mycluster-web-1-v2", "web-clusters", Map(("myservice-role", "web"))),
            new Command.LeaveMembership("mysystem-mycluster-web-1-v1", "web-clusters", Map(("myservice-role", "web")),
                SampleWorld.List("web-mysystem-mycluster-web-1-v1")),
            new Command.RunAnalysis("mysystem-web-dd", MetricProvider.Datadog, "avg:errors{*}"),
            new Command.DeleteCheck("mysystem-old"));
        return new SystemPlan(
            SampleWorld.T0.AddMinutes(2),
            new Decision<SystemStatus>(commands, status, Some(TimeSpan.FromSeconds(30))),
            SampleWorld.List(new NamedDecision<ArgoCDClusterStatus>("mysystem-c1",
                new Decision<ArgoCDClusterStatus>(Seq<Command>(), ArgoCDClusterStatus.Initial, None))),
            Seq<NamedDecision<ApplicationDeploymentStatus>>(),
            SampleWorld.List(new NamedDecision<CheckStatus>("mysystem-web-dd",
                new Decision<CheckStatus>(Seq<Command>(), CheckStatus.Initial, Some(TimeSpan.FromMinutes(1))))));
    }

    [Fact]
    public void The_same_plan_is_byte_identical_json()
    {
        Assert.Equal(PlanDocument.ToJson(StepFour()), PlanDocument.ToJson(StepFour()));
    }

    [Fact]
    public void Set_forward_weights_carries_the_rule_and_every_weight()
    {
        using var json = JsonDocument.Parse(PlanDocument.ToJson(StepFour()));

        var command = json.RootElement.GetProperty("system").GetProperty("commands")[0];
        Assert.Equal("set-weights", command.GetProperty("action").GetString());
        Assert.Equal("web", command.GetProperty("application").GetString());
        Assert.Equal(SampleWorld.Listener, command.GetProperty("listenerARN").GetString());
        Assert.Equal(10, command.GetProperty("priority").GetInt32());
        Assert.Equal(
            [(V1, 60), (V2, 40)],
            command.GetProperty("forward").EnumerateArray()
                .Select(t => (t.GetProperty("targetGroupARN").GetString(), t.GetProperty("weight").GetInt32())));
    }

    [Fact]
    public void The_document_has_its_keys_in_a_fixed_order()
    {
        using var json = JsonDocument.Parse(PlanDocument.ToJson(StepFour()));

        Assert.Equal(["now", "system", "argocdClusters", "deployments", "checks"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["action", "target", "detail", "destructive", "type", "application", "listenerARN", "priority", "forward"],
            json.RootElement.GetProperty("system").GetProperty("commands")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name", "commands", "status", "requeueAfter"],
            json.RootElement.GetProperty("checks")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Times_durations_and_destructive_leaves_read_as_people_write_them()
    {
        using var json = JsonDocument.Parse(PlanDocument.ToJson(StepFour()));
        var root = json.RootElement;

        Assert.Equal("2026-11-24T10:05:00Z", root.GetProperty("now").GetString());
        Assert.Equal("30s", root.GetProperty("system").GetProperty("requeueAfter").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("argocdClusters")[0].GetProperty("requeueAfter").ValueKind);
        var leave = root.GetProperty("system").GetProperty("commands")[2];
        Assert.True(leave.GetProperty("destructive").GetBoolean());
        Assert.Equal("web-mysystem-mycluster-web-1-v1", leave.GetProperty("decommissions")[0].GetString());
    }

    public static TheoryData<string, Command> EveryCommand => new()
    {
        { "SaveRevision", new Command.SaveRevision("mysystem", SampleWorld.Rich().Revision.IfNone(() => throw new InvalidOperationException())) },
        { "ApplyArgoCDCluster", new Command.ApplyArgoCDCluster(SampleWorld.Rich().ArgoCDClusters.Values.First().Spec) },
        { "ApplyApplicationDeployment", new Command.ApplyApplicationDeployment(SampleWorld.Rich().Deployments.Values.First().Spec) },
        { "ApplyCheck", new Command.ApplyCheck(SampleWorld.Rich().Checks.Values.First().Spec) },
        { "DeleteCheck", new Command.DeleteCheck("c") },
        { "SetForwardWeights", new Command.SetForwardWeights("web", new RuleKey("l", 1), ForwardConfig.Empty) },
        { "CreateJob", new Command.CreateJob("j", "web", "smoke", JobKind.Precheck, "{\"spec\":{}}", "h") },
        { "WriteClusterSecret", new Command.WriteClusterSecret("s", "c", "https://x", "{}") },
        { "JoinMembership", new Command.JoinMembership("s", "set", Map(("a", "b"))) },
        { "LeaveMembership", new Command.LeaveMembership("s", "set", Map(("a", "b")), Seq<string>()) },
        { "RunAnalysis", new Command.RunAnalysis("c", MetricProvider.Prometheus, "up") },
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public void Every_command_renders_with_its_type_and_target(string type, Command command)
    {
        var plan = StepFour() with
        {
            System = new Decision<SystemStatus>(SampleWorld.List(command), SystemStatus.Initial, None),
        };

        using var json = JsonDocument.Parse(PlanDocument.ToJson(plan));

        var rendered = json.RootElement.GetProperty("system").GetProperty("commands")[0];
        Assert.Equal(type, rendered.GetProperty("type").GetString());
        Assert.Equal(command.Target, rendered.GetProperty("target").GetString());
    }
}
