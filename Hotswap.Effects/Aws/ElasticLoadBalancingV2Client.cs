using System.Globalization;
using System.Xml.Linq;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Aws;

/// <summary>
/// ELBv2 over the Query protocol (Version 2015-12-01), shaped like AWSSDK.ElasticLoadBalancingV2's
/// client so that package can replace it. Only the calls hotswap makes: DescribeRules,
/// ModifyRule, DescribeTargetHealth.
/// </summary>
/// <param name="transport">Signs, sends and retries.</param>
/// <param name="pageSize">DescribeRules PageSize (1..400); None leaves AWS's default.</param>
public sealed class ElasticLoadBalancingV2Client(AwsTransport transport, Option<int> pageSize = default) : ILoadBalancer
{
    private const string Version = "2015-12-01";

    public async Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default)
    {
        var parameters = new List<(string, string)> { ("ListenerArn", listenerArn) };
        marker.IfSome(m => parameters.Add(("Marker", m)));
        pageSize.IfSome(n => parameters.Add(("PageSize", n.ToString(CultureInfo.InvariantCulture))));
        var result = await CallAsync("DescribeRules", parameters, cancellation);
        var rules = result.Child("Rules").Members().Select(ReadRule).ToSeq().Strict();
        return new DescribeRulesPage(rules, result.Text("NextMarker").Filter(m => m.Length > 0));
    }

    public async Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default)
    {
        var parameters = new List<(string, string)> { ("RuleArn", ruleArn) };
        var i = 0;
        foreach (var action in actions)
            parameters.AddRange(WriteAction(action, $"Actions.member.{++i}."));
        await CallAsync("ModifyRule", parameters, cancellation);
    }

    public async Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default)
    {
        var result = await CallAsync("DescribeTargetHealth", [("TargetGroupArn", targetGroupArn)], cancellation);
        return result.Child("TargetHealthDescriptions").Members().Select(d =>
        {
            var health = d.Child("TargetHealth");
            return new TargetHealthDescription(
                d.Child("Target").Text("Id").IfNone(""), d.Child("Target").Int("Port"),
                health.Text("State").IfNone(""), health.Text("Reason").IfNone(""));
        }).ToSeq().Strict();
    }

    private async Task<XElement?> CallAsync(string action, List<(string, string)> parameters, CancellationToken cancellation)
    {
        var body = AwsTransport.FormBody(new[] { ("Action", action), ("Version", Version) }.Concat(parameters));
        var text = await transport.SendAsync(AwsSettings.ElasticLoadBalancing, HttpMethod.Post, "/", body,
            "application/x-www-form-urlencoded; charset=utf-8", $"elbv2.{action}", cancellation);
        var doc = XDocument.Parse(text);
        return doc.Root.Child($"{action}Result");
    }

    /// <summary>A rule as DescribeRules returns it; the conditions kept as parameters.</summary>
    public static RuleDescription ReadRule(XElement rule) =>
        new(rule.Text("RuleArn").IfNone(""),
            rule.Text("Priority").IfNone(""),
            rule.Text("IsDefault").Exists(v => v == "true"),
            rule.Child("Actions").Members().Select(ReadAction).ToSeq().Strict(),
            rule.Child("Conditions") is { } conditions ? QueryXml.Flatten(new XElement("c", conditions)) : default);

    public static RuleAction ReadAction(XElement action)
    {
        var forward = action.Child("ForwardConfig");
        var config = forward is null
            ? Option<ForwardActionConfig>.None
            : Some(new ForwardActionConfig(
                forward.Child("TargetGroups").Members()
                    .Select(t => new TargetGroupTuple(t.Text("TargetGroupArn").IfNone(""), t.Int("Weight")))
                    .ToSeq().Strict(),
                forward.Child("TargetGroupStickinessConfig") is { } s
                    ? Some(new TargetGroupStickinessConfig(s.Text("Enabled").Exists(v => v == "true"), s.Int("DurationSeconds")))
                    : None));
        return new RuleAction(
            action.Text("Type").IfNone(""),
            action.Text("TargetGroupArn"),
            config,
            action.Int("Order"),
            QueryXml.Flatten(action, "Type", "TargetGroupArn", "ForwardConfig", "Order"));
    }

    /// <summary>
    /// One action's parameters under <paramref name="prefix"/>. A forward action is sent as its
    /// ForwardConfig (with stickiness as read); an authenticate-oidc action whose client secret
    /// AWS did not echo asks AWS to keep the existing one.
    /// </summary>
    public static IEnumerable<(string, string)> WriteAction(RuleAction action, string prefix)
    {
        yield return (prefix + "Type", action.Type);
        foreach (var order in action.Order) yield return (prefix + "Order", order.ToString(CultureInfo.InvariantCulture));
        if (action.ForwardConfig.IsNone)
            foreach (var arn in action.TargetGroupArn) yield return (prefix + "TargetGroupArn", arn);
        foreach (var config in action.ForwardConfig)
        {
            var j = 0;
            foreach (var t in config.TargetGroups)
            {
                var p = $"{prefix}ForwardConfig.TargetGroups.member.{++j}.";
                yield return (p + "TargetGroupArn", t.TargetGroupArn);
                foreach (var w in t.Weight) yield return (p + "Weight", w.ToString(CultureInfo.InvariantCulture));
            }
            foreach (var s in config.Stickiness)
            {
                yield return (prefix + "ForwardConfig.TargetGroupStickinessConfig.Enabled", s.Enabled ? "true" : "false");
                foreach (var d in s.DurationSeconds)
                    yield return (prefix + "ForwardConfig.TargetGroupStickinessConfig.DurationSeconds", d.ToString(CultureInfo.InvariantCulture));
            }
        }
        foreach (var (key, value) in action.OtherFields) yield return (prefix + key, value);
        if (string.Equals(action.Type, "authenticate-oidc", StringComparison.OrdinalIgnoreCase)
            && !action.OtherFields.ContainsKey("AuthenticateOidcConfig.ClientSecret")
            && !action.OtherFields.ContainsKey("AuthenticateOidcConfig.UseExistingClientSecret"))
            yield return (prefix + "AuthenticateOidcConfig.UseExistingClientSecret", "true");
    }
}
