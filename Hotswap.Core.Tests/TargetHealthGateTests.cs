using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Xunit;

namespace Hotswap.Core.Tests;

/// <summary>
/// alb.minHealthyTargets: before the first weight moves to a new target group, DescribeTargetHealth
/// shows enough healthy targets in it; until then web waits with a message instead of sending
/// traffic to an empty target group.
/// </summary>
public sealed class TargetHealthGateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-24T10:05:06Z", CultureInfo.InvariantCulture);
    private const string Rule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private const string Web1V1 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v1/9a41c7e25b08d3f6";
    private const string Web2V1 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-2-v1/e37f05a8c1d294b0";
    private const string Web1V2 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067";
    private const string Web2V2 = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-2-v2/5d1b0f2c9a7e4b31";

    private static SystemSpec Spec(string yaml) =>
        SystemManifest.Parse(yaml).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    /// <summary>The half-migrated world with web's rule back at v1 50/50: the next step is the first shift.</summary>
    private static World BeforeFirstShift(HashMap<string, int> healthy)
    {
        var world = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"))
            .Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var key = new RuleKey(Rule, 10);
        var rule = world.Rules.Find(key).IfNone(() => throw new Xunit.Sdk.XunitException("no rule 10"));
        var v1 = ForwardConfig.Of([new TargetGroupWeight(Web1V1, 50), new TargetGroupWeight(Web2V1, 50)]);
        return world with { Rules = world.Rules.SetItem(key, rule with { Forward = v1 }), HealthyTargets = healthy };
    }

    private static Option<Command.SetForwardWeights> WebShift(SystemPlan plan) =>
        plan.AllCommands.Choose(c => c is Command.SetForwardWeights s && s.Application == "web" ? Some(s) : None).HeadOrNone();

    private static string WebMessage(SystemPlan plan) =>
        plan.System.Status.Applications.Find(a => a.Name == "web").Map(a => a.Message).IfNone("");

    [Fact]
    public void With_healthy_targets_in_every_new_target_group_the_first_step_is_written()
    {
        var spec = Spec(RepoFiles.Read("examples", "mysystem-v2.yaml"));

        var plan = Reconciliation.Plan(spec, BeforeFirstShift(HashMap((Web1V2, 2), (Web2V2, 1))), Now);

        Assert.True(WebShift(plan).IsSome, WebMessage(plan));
    }

    [Fact]
    public void An_empty_new_target_group_holds_the_first_shift_with_a_message()
    {
        var spec = Spec(RepoFiles.Read("examples", "mysystem-v2.yaml"));

        var plan = Reconciliation.Plan(spec, BeforeFirstShift(HashMap((Web1V2, 2), (Web2V2, 0))), Now);

        Assert.True(WebShift(plan).IsNone);
        Assert.Contains($"waiting for healthy targets before the first shift: {Web2V2} has 0 of 1 healthy", WebMessage(plan));
    }

    [Fact]
    public void MinHealthyTargets_is_read_from_the_spec_and_0_turns_the_gate_off()
    {
        var yaml = RepoFiles.Read("examples", "mysystem-v2.yaml")
            .Replace("      updateStrategy: # canary", "      minHealthyTargets: 0\n      updateStrategy: # canary", StringComparison.Ordinal);
        var spec = Spec(yaml);

        var plan = Reconciliation.Plan(spec, BeforeFirstShift(HashMap((Web1V2, 0), (Web2V2, 0))), Now);

        Assert.Equal(0, spec.Applications.Find(a => a.Name == "web").Bind(a => a.Alb).Map(a => a.MinHealthyTargets).IfNone(-1));
        Assert.True(WebShift(plan).IsSome, WebMessage(plan));
    }

    [Fact]
    public void MinHealthyTargets_defaults_to_1()
    {
        var spec = Spec(RepoFiles.Read("examples", "mysystem-v2.yaml"));

        Assert.All(spec.Applications.Choose(a => a.Alb), a => Assert.Equal(1, a.MinHealthyTargets));
    }
}
