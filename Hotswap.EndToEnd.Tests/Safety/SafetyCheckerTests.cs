using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;

namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>The safety checker itself: a safe history passes; each invariant catches a history that breaks it.</summary>
public sealed class SafetyCheckerTests
{
    private static readonly SafetyChecker Checker = new([Some.Web]);

    private static List<HistoryEvent> Replace(List<HistoryEvent> history, Func<HistoryEvent, bool> which, params HistoryEvent[] with)
    {
        var i = history.FindIndex(e => which(e));
        Assert.True(i >= 0);
        history.RemoveAt(i);
        history.InsertRange(i, with);
        return history;
    }

    private static void AssertOnly(Invariant invariant, IReadOnlyList<Violation> violations)
    {
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(invariant, v.Invariant));
    }

    [Fact]
    public void A_canary_migration_step_by_step_is_safe_and_converged()
    {
        Assert.Empty(Checker.CheckConverged(Some.Migration()));
    }

    [Fact]
    public void A_rollback_all_at_once_from_half_way_is_safe_and_back_where_it_started()
    {
        List<HistoryEvent> history =
        [
            .. Some.Migration().Take(8), Some.Step(10), Some.Step(20), Some.Step(30),
            Some.Forward(("web-1-v1", 50), ("web-2-v1", 50)), Some.Leave("web-1-v2"), Some.Leave("web-2-v2"),
        ];
        Assert.Empty(Checker.CheckConverged(history, toNew: false));
    }

    [Fact]
    public void Weights_that_do_not_sum_to_totalWeight_are_caught()
    {
        var history = Replace(Some.Migration(), e => e == Some.Step(30), Some.Forward(("web-1-v1", 35), ("web-1-v2", 15), ("web-2-v1", 30), ("web-2-v2", 15)));
        AssertOnly(Invariant.WeightsSumToTotal, Checker.Check(history));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1000)]
    public void A_weight_outside_0_to_999_is_caught(int weight)
    {
        var model = Some.Web with { TotalWeight = weight + 100 - 5 };
        var history = Replace(Some.Migration(), e => e == Some.Step(10),
            Some.Forward(("web-1-v1", weight), ("web-1-v2", 5), ("web-2-v1", 45), ("web-2-v2", 5)));
        Assert.Contains(new SafetyChecker([model]).Check(history), v => v.Invariant == Invariant.WeightInRange && v.At == 8);
    }

    [Fact]
    public void An_unstated_weight_beside_other_target_groups_is_caught()
    {
        var history = Replace(Some.Migration(), e => e == Some.Step(10), Some.Forward(("web-1-v1", 50), ("web-2-v1", 50), ("web-1-v2", null)));
        Assert.Contains(Checker.Check(history), v => v.Invariant == Invariant.WeightInRange);
    }

    [Fact]
    public void Six_target_groups_are_caught()
    {
        var six = Some.Web with
        {
            Clusters = [.. Some.Web.Clusters, new ClusterModel(Some.Secret("web-3-v2"), Some.Tg("web-3-v2"), Side.New),
                new ClusterModel(Some.Secret("web-4-v2"), Some.Tg("web-4-v2"), Side.New)],
        };
        var history = Replace(Some.Migration(), e => e == Some.Step(10),
            Some.Forward(("web-1-v1", 45), ("web-2-v1", 45), ("web-1-v2", 10), ("web-2-v2", 0), ("web-3-v2", 0), ("web-4-v2", 0)));
        AssertOnly(Invariant.AtMostFiveTargetGroups, new SafetyChecker([six]).Check(history));
    }

    [Fact]
    public void A_target_group_of_another_application_is_caught()
    {
        var history = Replace(Some.Migration(), e => e == Some.Step(10), Some.Forward(("web-1-v1", 50), ("web-2-v1", 50), ("api-v1", 0)), Some.Step(10));
        AssertOnly(Invariant.KnownTargetGroup, Checker.Check(history));
    }

    [Fact]
    public void A_write_to_a_rule_nobody_owns_is_caught()
    {
        List<HistoryEvent> history = [new HistoryEvent.RuleWritten(Some.Rule + "x", [new TargetGroupWeight(Some.Tg("web-1-v1"), null)])];
        AssertOnly(Invariant.KnownRule, Checker.Check(history));
    }

    [Fact]
    public void Weight_on_a_cluster_before_it_joined_is_caught()
    {
        // web-2-v2 joins only after the first step put weight on it.
        var history = Some.Migration();
        var join = history.IndexOf(Some.Join("web-2-v2"));
        history.RemoveAt(join);
        history.Insert(history.IndexOf(Some.Step(10)) + 1, Some.Join("web-2-v2"));
        Assert.Contains(Checker.Check(history), v => v.Invariant == Invariant.WeightOnlyOnMembers && v.Message.Contains("web-2-v2"));
    }

    [Fact]
    public void Weight_on_a_member_whose_Application_is_not_Synced_and_Healthy_is_caught()
    {
        var history = Replace(Some.Migration(), e => e == Some.Deployed("web-1-v2"),
            new HistoryEvent.ApplicationWritten($"web-{Some.Secret("web-1-v2")}", Some.Secret("web-1-v2"), SyncedAndHealthy: false));
        var violations = Checker.Check(history);
        AssertOnly(Invariant.WeightOnlyOnDeployed, violations);
        Assert.Equal(history.IndexOf(Some.Step(10)), violations[0].At);
    }

    [Fact]
    public void A_step_larger_than_stepWeight_is_caught()
    {
        var history = Some.Migration();
        history.Remove(Some.Step(40));
        var violations = Checker.Check(history);
        AssertOnly(Invariant.StepAtMostStepWeight, violations);
        Assert.Contains("from 30 to 50", violations.Single().Message);
    }

    [Fact]
    public void A_share_off_the_schedule_is_caught()
    {
        var history = Replace(Some.Migration(), e => e == Some.Step(20), Some.Step(15), Some.Step(20));
        AssertOnly(Invariant.ShareOnSchedule, Checker.Check(history));
    }

    [Fact]
    public void A_cluster_that_leaves_while_it_carries_weight_is_caught()
    {
        // The v1 clusters leave before the last write took their weight away.
        var history = Some.Migration();
        var last = Some.Forward(("web-1-v2", 50), ("web-2-v2", 50));
        history.Remove(last);
        history.Remove(Some.Step(100));
        history.Add(Some.Step(100));
        var violations = Checker.Check(history);
        Assert.Contains(violations, v => v.Invariant == Invariant.LeaveOnlyAtZeroWeight);
        Assert.Contains(violations, v => v.Invariant == Invariant.OldLeavesOnlyWhenFullyNew);
    }

    [Fact]
    public void An_old_cluster_that_leaves_before_the_new_side_holds_everything_is_caught_even_at_zero_weight()
    {
        // At step 50 web-1-v1 is taken out of the rule (weights still sum and step), then leaves.
        var history = Some.Migration();
        var at = history.IndexOf(Some.Step(50));
        history.InsertRange(at + 1, [Some.Forward(("web-1-v1", 0), ("web-2-v1", 50), ("web-1-v2", 25), ("web-2-v2", 25)), Some.Leave("web-1-v1")]);
        history.Remove(Some.Leave("web-1-v1"));
        history.Insert(at + 2, Some.Leave("web-1-v1"));
        var violations = Checker.Check(history);
        Assert.Contains(violations, v => v.Invariant == Invariant.OldLeavesOnlyWhenFullyNew && v.Message.Contains("at 50 of 100"));
        Assert.DoesNotContain(violations, v => v.Invariant == Invariant.LeaveOnlyAtZeroWeight);
    }

    [Fact]
    public void A_deleted_secret_counts_as_leaving()
    {
        var history = Replace(Some.Migration(), e => e == Some.Leave("web-1-v1"), new HistoryEvent.SecretDeleted(Some.Secret("web-1-v1")));
        Assert.Empty(Checker.CheckConverged(history));
        var early = Replace(Some.Migration(), e => e == Some.Step(10), new HistoryEvent.SecretDeleted(Some.Secret("web-1-v1")), Some.Step(10));
        Assert.Contains(Checker.Check(early), v => v.Invariant == Invariant.LeaveOnlyAtZeroWeight);
    }

    [Fact]
    public void A_foreign_cluster_in_the_set_is_caught()
    {
        var history = Some.Migration();
        history.Insert(0, new HistoryEvent.SecretWritten(Some.Secret("api-v1"), Some.Secret("api-v1"), Some.WebLabels));
        AssertOnly(Invariant.MembersOnlyFromTheApplication, Checker.Check(history));
    }

    [Fact]
    public void A_migration_that_stops_half_way_has_not_converged()
    {
        var history = Some.Migration().Take(13).ToList();
        Assert.Empty(Checker.Check(history));
        AssertOnly(Invariant.ConvergedToNew, Checker.CheckConverged(history));
        AssertOnly(Invariant.ConvergedToOld, Checker.CheckConverged(history, toNew: false));
    }

    [Fact]
    public void The_forward_configuration_is_read_from_the_ModifyRule_body_hotswaps_client_sends()
    {
        var oidc = new RuleAction("authenticate-oidc", None, None, Some(1), Map(("AuthenticateOidcConfig.ClientId", "web")));
        var forward = new RuleAction("forward", None, Some(new ForwardActionConfig(
            Seq(new TargetGroupTuple(Some.Tg("web-1-v1"), Some(45)), new TargetGroupTuple(Some.Tg("web-1-v2"), Some(5))),
            Some(new TargetGroupStickinessConfig(true, Some(600))))), Some(2), default);
        var fields = new[] { ("Action", "ModifyRule"), ("Version", "2015-12-01"), ("RuleArn", Some.Rule) }
            .Concat(ElasticLoadBalancingV2Client.WriteAction(oidc, "Actions.member.1."))
            .Concat(ElasticLoadBalancingV2Client.WriteAction(forward, "Actions.member.2."));
        var body = System.Text.Encoding.UTF8.GetString(AwsTransport.FormBody(fields));

        var write = ModifyRuleBody.Parse(body, "replica-a");

        Assert.Equal(((HistoryEvent.RuleWritten)Some.Forward(("web-1-v1", 45), ("web-1-v2", 5))) with { Writer = "replica-a" }, write.IfNone(() => throw new Xunit.Sdk.XunitException(body)));
    }

    [Theory]
    [InlineData("Action=ModifyRule&RuleArn=R&Actions.member.1.Type=forward&Actions.member.1.TargetGroupArn=arn%3Atg", "arn:tg", null)]
    [InlineData("Action=ModifyRule&RuleArn=R&Actions.member.1.Type=forward"
        + "&Actions.member.1.ForwardConfig.TargetGroups.member.2.Weight=7&Actions.member.1.ForwardConfig.TargetGroups.member.2.TargetGroupArn=b"
        + "&Actions.member.1.ForwardConfig.TargetGroups.member.1.TargetGroupArn=a&Actions.member.1.ForwardConfig.TargetGroups.member.1.Weight=93", "a:93,b:7", null)]
    [InlineData("Action=DescribeRules&ListenerArn=L", null, "not a ModifyRule")]
    [InlineData("Action=ModifyRule&RuleArn=R&Actions.member.1.Type=fixed-response", null, "no forward action")]
    public void ModifyRule_bodies_written_by_hand_from_the_AWS_reference(string body, string? expected, string? why)
    {
        var write = ModifyRuleBody.Parse(body);
        Assert.Equal(expected, write.Map(w => string.Join(",", w.TargetGroups.Select(t => t.Weight is { } x ? $"{t.Arn}:{x}" : t.Arn))).IfNoneUnsafe((string?)null));
        Assert.Equal(expected is null, why is not null);
    }
}
