using System.Text.Json;
using Hotswap.Effects.Aws;
using Hotswap.Effects.Ports;
using Hotswap.Testing.Aws;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>hotswap's ELBv2 client against moto_server, with the AWS CLI as the second client on the same server.</summary>
public sealed class ElasticLoadBalancingV2ClientTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IAsyncLifetime
{
    private MotoServer Moto => fixture.Moto;

    public async Task InitializeAsync()
    {
        if (Peer.Find("moto_server") is not null) await fixture.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private ElasticLoadBalancingV2Client Client(Option<int> pageSize = default) =>
        new(new AwsTransport(new HttpClient(), fixture.Settings()), pageSize);

    /// <summary>A rule behind an OIDC login, on a path and a host, forwarding 50/50 with 300 s stickiness.</summary>
    private async Task<(MotoAlb Alb, string RuleArn)> AuthenticatedRuleAsync()
    {
        var alb = await MotoAlb.CreateAsync(Moto, "web-1-v1", "web-2-v1", "web-1-v2");
        var actions = JsonSerializer.Serialize(new object[]
        {
            new Dictionary<string, object>
            {
                ["Type"] = "authenticate-oidc", ["Order"] = 1,
                ["AuthenticateOidcConfig"] = new Dictionary<string, object>
                {
                    ["Issuer"] = "https://idp.example.com", ["AuthorizationEndpoint"] = "https://idp.example.com/auth",
                    ["TokenEndpoint"] = "https://idp.example.com/token", ["UserInfoEndpoint"] = "https://idp.example.com/userinfo",
                    ["ClientId"] = "hotswap-web", ["ClientSecret"] = "s3cret", ["Scope"] = "openid email",
                    ["OnUnauthenticatedRequest"] = "authenticate",
                    ["AuthenticationRequestExtraParams"] = new Dictionary<string, string> { ["prompt"] = "login" },
                },
            },
            new Dictionary<string, object>
            {
                ["Type"] = "forward", ["Order"] = 2,
                ["ForwardConfig"] = new Dictionary<string, object>
                {
                    ["TargetGroups"] = new object[]
                    {
                        new Dictionary<string, object> { ["TargetGroupArn"] = alb.TargetGroups["web-1-v1"], ["Weight"] = 50 },
                        new Dictionary<string, object> { ["TargetGroupArn"] = alb.TargetGroups["web-2-v1"], ["Weight"] = 50 },
                    },
                    ["TargetGroupStickinessConfig"] = new Dictionary<string, object> { ["Enabled"] = true, ["DurationSeconds"] = 300 },
                },
            },
        });
        var conditions = """[{"Field":"path-pattern","PathPatternConfig":{"Values":["/web/*"]}},{"Field":"host-header","HostHeaderConfig":{"Values":["shop.example.com"]}}]""";
        var created = await Moto.PythonAsync($$"""
            import boto3, json
            rule = boto3.client('elbv2').create_rule(ListenerArn='{{alb.ListenerArn}}', Priority=10,
                Conditions=json.loads('{{conditions}}'), Actions=json.loads('{{actions}}'))
            print(rule['Rules'][0]['RuleArn'])
            """);
        return (alb, created.Trim());
    }

    private async Task<JsonElement> CliRuleAsync(string ruleArn) =>
        (await Moto.AwsAsync("elbv2", "describe-rules", "--rule-arns", ruleArn))!.Value.GetProperty("Rules")[0];

    [SkippableFact]
    public async Task DescribeRules_follows_NextMarker_to_the_last_page()
    {
        fixture.Require();
        var alb = await MotoAlb.CreateAsync(Moto, "tg-a");
        await Moto.PythonAsync($$"""
            import boto3
            elb = boto3.client('elbv2')
            for p in range(1, 8):
                elb.create_rule(ListenerArn='{{alb.ListenerArn}}', Priority=p,
                    Conditions=[{'Field': 'path-pattern', 'Values': ['/p%d/*' % p]}],
                    Actions=[{'Type': 'forward', 'TargetGroupArn': '{{alb.TargetGroups["tg-a"]}}'}])
            """);
        var client = Client(pageSize: Some(3));
        var rules = Seq<RuleDescription>();
        var marker = Option<string>.None;
        var pages = 0;
        do
        {
            var page = await client.DescribeRulesAsync(alb.ListenerArn, marker);
            rules += page.Rules;
            marker = page.NextMarker;
            pages++;
        } while (marker.IsSome);

        Assert.Equal(3, pages);
        Assert.Equal(8, rules.Count); // 7 rules and the default rule
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "default"], rules.Map(r => r.Priority).OrderBy(p => p == "default" ? 99 : int.Parse(p)));
        Assert.Equal(3, fixture.Proxy.Count("elbv2.DescribeRules"));
    }

    [SkippableFact]
    public async Task DescribeRules_reads_a_one_target_group_forward_as_AWS_echoes_it()
    {
        fixture.Require();
        var alb = await MotoAlb.CreateAsync(Moto, "tg-a");
        await Moto.AwsAsync("elbv2", "create-rule", "--listener-arn", alb.ListenerArn, "--priority", "10",
            "--conditions", """[{"Field":"path-pattern","Values":["/web/*"]}]""",
            "--actions", $$"""[{"Type":"forward","TargetGroupArn":"{{alb.TargetGroups["tg-a"]}}"}]""");

        var page = await Client().DescribeRulesAsync(alb.ListenerArn, None);
        var rule = page.Rules.Find(r => r.Priority == "10").IfNone(() => throw new Xunit.Sdk.XunitException("rule 10 missing"));

        var forward = Assert.Single(rule.Actions);
        Assert.Equal("forward", forward.Type);
        Assert.Equal(Some(alb.TargetGroups["tg-a"]), forward.TargetGroupArn);
        // AWS also echoes a one-entry ForwardConfig here; moto does not. Either way the observer
        // reads one target group carrying all the traffic.
        Assert.Equal("path-pattern", rule.Conditions.Find("Conditions.member.1.Field").IfNone(""));
        var normalised = Hotswap.Effects.Observer.Normalise(rule.Actions, 100);
        Assert.Equal(new[] { (alb.TargetGroups["tg-a"], 100) }, normalised.TargetGroups.Map(t => (t.Arn, t.Weight)).ToArray());
    }

    [SkippableFact]
    public async Task ModifyRule_replaces_only_the_forward_action_and_keeps_the_other_actions_conditions_and_stickiness()
    {
        fixture.Require();
        var (alb, ruleArn) = await AuthenticatedRuleAsync();
        var before = await ReferenceSystemStepTests.RuleAsync(Moto, ruleArn);
        var client = Client();
        var rule = (await client.DescribeRulesAsync(alb.ListenerArn, None)).Rules.Find(r => r.RuleArn == ruleArn)
            .IfNone(() => throw new Xunit.Sdk.XunitException("rule not read"));

        await client.ModifyRuleAsync(ruleArn, RuleActions.WithForward(rule.Actions, Seq(
            new TargetGroupTuple(alb.TargetGroups["web-1-v1"], Some(45)),
            new TargetGroupTuple(alb.TargetGroups["web-2-v1"], Some(45)),
            new TargetGroupTuple(alb.TargetGroups["web-1-v2"], Some(10)))));

        var after = await CliRuleAsync(ruleArn);
        var actions = after.GetProperty("Actions");
        Assert.Equal(2, actions.GetArrayLength());
        ReferenceSystemStepTests.AssertJsonEqual(before.GetProperty("Actions")[0], actions[0]);
        ReferenceSystemStepTests.AssertJsonEqual(before.GetProperty("Conditions"), after.GetProperty("Conditions"));
        var forward = actions[1];
        Assert.Equal("forward", forward.GetProperty("Type").GetString());
        Assert.Equal(2, forward.GetProperty("Order").GetInt32());
        Assert.Equal(
            [(alb.TargetGroups["web-1-v1"], 45), (alb.TargetGroups["web-2-v1"], 45), (alb.TargetGroups["web-1-v2"], 10)],
            forward.GetProperty("ForwardConfig").GetProperty("TargetGroups").EnumerateArray()
                .Select(t => (t.GetProperty("TargetGroupArn").GetString()!, t.GetProperty("Weight").GetInt32())));
        ReferenceSystemStepTests.AssertJsonEqual(
            before.GetProperty("Actions")[1].GetProperty("ForwardConfig").GetProperty("TargetGroupStickinessConfig"),
            forward.GetProperty("ForwardConfig").GetProperty("TargetGroupStickinessConfig"));
    }

    [SkippableFact]
    public async Task A_rule_the_AWS_CLI_wrote_reads_back_through_hotswaps_client()
    {
        fixture.Require();
        var (alb, ruleArn) = await AuthenticatedRuleAsync();
        await Moto.AwsAsync("elbv2", "modify-rule", "--rule-arn", ruleArn, "--actions", JsonSerializer.Serialize(new object[]
        {
            new Dictionary<string, object>
            {
                ["Type"] = "forward", ["Order"] = 1,
                ["ForwardConfig"] = new Dictionary<string, object>
                {
                    ["TargetGroups"] = new object[]
                    {
                        new Dictionary<string, object> { ["TargetGroupArn"] = alb.TargetGroups["web-2-v1"], ["Weight"] = 70 },
                        new Dictionary<string, object> { ["TargetGroupArn"] = alb.TargetGroups["web-1-v2"], ["Weight"] = 30 },
                    },
                },
            },
        }));

        var rule = (await Client().DescribeRulesAsync(alb.ListenerArn, None)).Rules.Find(r => r.RuleArn == ruleArn)
            .IfNone(() => throw new Xunit.Sdk.XunitException("rule not read"));

        var forward = Assert.Single(rule.Actions);
        Assert.Equal(Some(1), forward.Order);
        Assert.Equal(
            Seq(new TargetGroupTuple(alb.TargetGroups["web-2-v1"], Some(70)), new TargetGroupTuple(alb.TargetGroups["web-1-v2"], Some(30))),
            forward.ForwardConfig.Map(c => c.TargetGroups).IfNone(Seq<TargetGroupTuple>()));
        Assert.Equal(Some(new TargetGroupStickinessConfig(false, None)), forward.ForwardConfig.Bind(c => c.Stickiness));
        Assert.Equal("/web/*", rule.Conditions.Find("Conditions.member.1.PathPatternConfig.Values.member.1").IfNone(""));
    }

    [SkippableFact]
    public async Task Unknown_rules_and_target_groups_are_NotFound_with_AWSs_code_and_message()
    {
        fixture.Require();
        var alb = await MotoAlb.CreateAsync(Moto, "tg-a");
        var client = Client();
        var unknownRule = alb.ListenerArn.Replace(":listener/", ":listener-rule/") + "/0123456789abcdef";

        var rule = await Assert.ThrowsAsync<PortException>(() =>
            client.ModifyRuleAsync(unknownRule, RuleActions.Forward(Seq1(new TargetGroupTuple(alb.TargetGroups["tg-a"], Some(1))))));
        var group = await Assert.ThrowsAsync<PortException>(() =>
            client.DescribeTargetHealthAsync(alb.TargetGroups["tg-a"].Replace("/tg-a/", "/gone/")));
        var listener = await Assert.ThrowsAsync<PortException>(() =>
            client.DescribeRulesAsync(alb.ListenerArn + "0", None));

        Assert.Equal((PortErrorKind.NotFound, "RuleNotFound"), (rule.Kind, rule.Code));
        Assert.Contains("RuleNotFound: One or more rules not found", rule.Message);
        Assert.Equal((PortErrorKind.NotFound, "TargetGroupNotFound"), (group.Kind, group.Code));
        Assert.Equal((PortErrorKind.NotFound, "ListenerNotFound"), (listener.Kind, listener.Code));
        Assert.Equal(1, fixture.Proxy.Count("elbv2.ModifyRule")); // not retried
    }

    [SkippableFact]
    public async Task DescribeTargetHealth_reports_each_registered_target()
    {
        fixture.Require();
        var alb = await MotoAlb.CreateAsync(Moto, "tg-a", "tg-b");
        await alb.RegisterTargetsAsync(Moto, "tg-a", 3);
        var client = Client();

        var a = await client.DescribeTargetHealthAsync(alb.TargetGroups["tg-a"]);
        var b = await client.DescribeTargetHealthAsync(alb.TargetGroups["tg-b"]);

        Assert.Equal(["10.0.1.10", "10.0.1.11", "10.0.1.12"], a.Map(t => t.TargetId).OrderBy(x => x));
        Assert.All(a, t => Assert.True(t.IsHealthy, t.ToString()));
        Assert.Empty(b);
    }
}
