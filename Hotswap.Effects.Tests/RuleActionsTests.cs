using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Tests;

/// <summary>What ModifyRule sends: the rule's actions as read, only the forward action's target groups replaced.</summary>
public sealed class RuleActionsTests
{
    private static readonly string A = Some.TargetGroup("a");
    private static readonly string B = Some.TargetGroup("b");

    private static readonly RuleAction Oidc = new("authenticate-oidc", None, None, Some(1),
        Map(("AuthenticateOidcConfig.Issuer", "https://idp.example.com"), ("AuthenticateOidcConfig.ClientId", "web")));

    private static readonly RuleAction Forward = new("forward", None,
        Some(new ForwardActionConfig(Seq1(new TargetGroupTuple(A, Some(100))), Some(new TargetGroupStickinessConfig(true, Some(300))))),
        Some(2));

    private static readonly Seq<TargetGroupTuple> Shifted = Seq(new TargetGroupTuple(A, Some(90)), new TargetGroupTuple(B, Some(10)));

    [Fact]
    public void The_authenticate_action_before_the_forward_is_kept_as_it_was()
    {
        var actions = RuleActions.WithForward(Seq(Oidc, Forward), Shifted);

        Assert.Equal(Oidc, actions[0]);
        Assert.Equal(2, actions.Count);
    }

    [Fact]
    public void The_forward_action_keeps_its_order_and_stickiness_and_takes_the_new_weights()
    {
        var forward = RuleActions.WithForward(Seq(Oidc, Forward), Shifted)[1];

        Assert.Equal(Some(2), forward.Order);
        Assert.Equal(Some(new TargetGroupStickinessConfig(true, Some(300))), forward.ForwardConfig.Bind(c => c.Stickiness));
        Assert.Equal(Shifted, forward.ForwardConfig.Map(c => c.TargetGroups).IfNone(Seq<TargetGroupTuple>()));
    }

    [Fact]
    public void A_rule_ending_in_a_fixed_response_gets_a_forward_after_its_other_actions()
    {
        var fixedResponse = new RuleAction("fixed-response", None, None, Some(2), Map(("FixedResponseConfig.StatusCode", "503")));

        var actions = RuleActions.WithForward(Seq(Oidc, fixedResponse), Shifted);

        Assert.Equal(Seq("authenticate-oidc", "forward"), actions.Map(a => a.Type));
        Assert.Equal(Some(2), actions[1].Order);
    }

    [Fact]
    public void An_oidc_action_whose_secret_AWS_did_not_echo_asks_AWS_to_keep_the_existing_secret()
    {
        var parameters = ElasticLoadBalancingV2Client.WriteAction(Oidc, "Actions.member.1.").ToList();

        Assert.Contains(("Actions.member.1.AuthenticateOidcConfig.UseExistingClientSecret", "true"), parameters);
        Assert.Contains(("Actions.member.1.AuthenticateOidcConfig.Issuer", "https://idp.example.com"), parameters);
        Assert.Contains(("Actions.member.1.Order", "1"), parameters);
    }

    [Fact]
    public void A_forward_action_is_sent_as_its_forward_config()
    {
        var parameters = ElasticLoadBalancingV2Client.WriteAction(Forward, "Actions.member.2.").ToList();

        Assert.Equal(
            [("Actions.member.2.Type", "forward"), ("Actions.member.2.Order", "2"),
             ("Actions.member.2.ForwardConfig.TargetGroups.member.1.TargetGroupArn", A),
             ("Actions.member.2.ForwardConfig.TargetGroups.member.1.Weight", "100"),
             ("Actions.member.2.ForwardConfig.TargetGroupStickinessConfig.Enabled", "true"),
             ("Actions.member.2.ForwardConfig.TargetGroupStickinessConfig.DurationSeconds", "300")],
            parameters);
    }
}
