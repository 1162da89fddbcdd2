using Hotswap.Core.Observed;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;

namespace Hotswap.Effects.Tests;

public sealed class LoadBalancerTests
{
    private static readonly string A = Some.TargetGroup("a");

    private static (SimulatedLoadBalancer Alb, string Rule) OneRule()
    {
        var alb = new SimulatedLoadBalancer(new FaultInjection(FaultRates.None, 0), pageSize: 20);
        return (alb, alb.AddRule(Some.Listener, 10));
    }

    [Fact]
    public void The_observer_normalises_a_single_target_group_echo_to_the_total_weight()
    {
        var echo = Seq1(new RuleAction("forward", Some(A),
            Some(new ForwardActionConfig(Seq1(new TargetGroupTuple(A, Some(1))), Some(new TargetGroupStickinessConfig(false, None))))));

        Assert.Equal(ForwardConfig.Of([new TargetGroupWeight(A, 100)]), Observer.Normalise(echo, 100));
    }

    [Fact]
    public async Task A_single_target_group_written_to_the_simulated_alb_reads_back_equal()
    {
        var (alb, rule) = OneRule();
        await alb.ModifyRuleAsync(rule, RuleActions.Forward(Seq1(new TargetGroupTuple(A, Some(100)))));

        var page = await alb.DescribeRulesAsync(Some.Listener, None);
        var echoed = page.Rules.Find(r => r.RuleArn == rule).Map(r => r.Actions).IfNone(Seq<RuleAction>());

        Assert.True(echoed.Head.TargetGroupArn.IsSome, "AWS echoes TargetGroupArn for one target group");
        Assert.Equal(ForwardConfig.Of([new TargetGroupWeight(A, 100)]), Observer.Normalise(echoed, 100));
    }

    [Theory]
    [InlineData("weight 1000", 1, 1000)]
    [InlineData("weight -1", 1, -1)]
    [InlineData("six target groups", 6, 10)]
    [InlineData("no target group", 0, 10)]
    public async Task Modify_rule_rejects_what_AWS_rejects(string because, int groups, int weight)
    {
        var (alb, rule) = OneRule();
        var tgs = Enumerable.Range(0, groups).Select(i => new TargetGroupTuple(Some.TargetGroup($"c{i}"), Some(weight))).ToSeq();

        var e = await Assert.ThrowsAsync<PortException>(() => alb.ModifyRuleAsync(rule, RuleActions.Forward(tgs)));

        Assert.True(e.Kind == PortErrorKind.Validation, because);
    }

    [Fact]
    public async Task Describe_rules_pages_by_next_marker()
    {
        var alb = new SimulatedLoadBalancer(new FaultInjection(FaultRates.None, 0), pageSize: 1);
        alb.AddRule(Some.Listener, 10);
        alb.AddRule(Some.Listener, 20);

        var first = await alb.DescribeRulesAsync(Some.Listener, None);
        var second = await alb.DescribeRulesAsync(Some.Listener, first.NextMarker);
        var third = await alb.DescribeRulesAsync(Some.Listener, second.NextMarker);

        Assert.Equal(Seq("10", "20", "default"), first.Rules.Concat(second.Rules).Concat(third.Rules).Map(r => r.Priority).ToSeq());
        Assert.True(third.NextMarker.IsNone);
    }
}
