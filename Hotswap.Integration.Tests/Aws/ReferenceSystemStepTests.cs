using System.Text.Json;
using Hotswap.Core.Children;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects;
using Hotswap.Effects.Aws;
using Hotswap.Effects.Metrics;
using Hotswap.Effects.Ports;
using Hotswap.Effects.Simulation;
using Hotswap.Testing.Aws;
using Hotswap.Testing.Metrics;
using Xunit.Abstractions;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>
/// The reference System (examples/mysystem-v1.yaml → mysystem-v2.yaml) run by the operator's real
/// reconcilers through the real ELBv2 and EKS clients against moto (behind the counting proxy),
/// its checks measured by the real Prometheus provider; Kubernetes and ArgoCD are the simulated
/// ones. The example's ARNs are swapped for the ones moto made.
/// </summary>
public sealed class ReferenceSystemStepTests(MotoFixture moto, PrometheusFixture prometheus, ITestOutputHelper output)
    : IClassFixture<MotoFixture>, IClassFixture<PrometheusFixture>
{
    private const string ExampleListener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2";
    private static readonly Dictionary<string, string> ExampleTargetGroups = new()
    {
        ["web-1-v1"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v1/9a41c7e25b08d3f6",
        ["web-2-v1"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-2-v1/e37f05a8c1d294b0",
        ["web-1-v2"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067",
        ["web-2-v2"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-2-v2/5d1b0f2c9a7e4b31",
        ["api-v1"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api-v1/0c8e1a4f6b2d9e57",
    };
    private const string Query = "max(mysystem_error_ratio)";

    /// <summary>The example with moto's ARNs, every check measured by Prometheus every second.</summary>
    private static SystemSpec Load(string file, MotoAlb alb, long generation)
    {
        var yaml = RepoFiles.Read("examples", file).Replace(ExampleListener, alb.ListenerArn, StringComparison.Ordinal);
        foreach (var (name, arn) in ExampleTargetGroups) yaml = yaml.Replace(arn, alb.TargetGroups[name], StringComparison.Ordinal);
        var spec = SystemManifest.Parse(yaml).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        return spec with
        {
            Generation = generation,
            Applications = spec.Applications.Map(a => a with
            {
                Checks = a.Checks.Map(c => c with
                {
                    Analysis = c.Analysis with { Provider = MetricProvider.Prometheus, Query = Query, Interval = TimeSpan.FromSeconds(1) },
                }),
            }),
        };
    }

    private sealed record Pass(ReconcileReport Report, IReadOnlyList<(string Operation, int Calls)> AwsCalls);

    /// <summary>Drives the reconcilers like the simulator: time moves by the requeues, on the simulated clock.</summary>
    private sealed class Driver(SimulatedWorld world, ReconcileLoop loop, FaultProxy proxy)
    {
        public async Task<Pass> PassAsync(SystemSpec spec)
        {
            proxy.ResetCounts();
            var report = await loop.ReconcileOnceAsync(spec, world.Clock.Now);
            var calls = proxy.Counts();
            var requeue = report.RequeueAfter.IfNone(TimeSpan.FromSeconds(1));
            world.Clock.Advance(!report.Planned.IsEmpty ? TimeSpan.FromMilliseconds(100)
                : requeue < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : requeue);
            return new Pass(report, calls);
        }

        public async Task<List<Pass>> UntilAsync(SystemSpec spec, Func<Pass, bool> done, int max = 300)
        {
            var passes = new List<Pass>();
            for (var i = 0; i < max; i++)
            {
                var pass = await PassAsync(spec);
                passes.Add(pass);
                if (done(pass)) return passes;
            }
            throw new Xunit.Sdk.XunitException($"not done after {max} passes; last: {Describe(passes[^1], spec)}");
        }

        public string Describe(Pass pass, SystemSpec spec) =>
            world.Kubernetes.SystemStatusOf(spec.Name).Map(s =>
                $"{s.Phase}: " + string.Join("; ", s.Applications.Map(a => $"{a.Name} {a.Phase} {a.Message}"))).IfNone("no status")
            + " | " + string.Join(", ", pass.Report.Outcomes.Filter(o => !o.Succeeded).Map(o => o.ToString()))
            + pass.Report.ObserveError.Map(e => " | " + e).IfNone("");
    }

    private static int Calls(Pass pass, string operation) =>
        pass.AwsCalls.Where(c => c.Operation == operation).Sum(c => c.Calls);

    [SkippableFact]
    public async Task Web_moves_one_step_through_the_real_ELBv2_client_gated_by_target_health_and_a_Prometheus_check()
    {
        moto.Require();
        prometheus.Require();
        await moto.ResetAsync();
        prometheus.Server.Set("mysystem_error_ratio", 0.001);
        await prometheus.Server.WaitForAsync(Query, "0.001");

        // AWS as the platform team left it: web behind an OIDC login, 50/50 on v1; api on its own rule.
        var alb = await MotoAlb.CreateAsync(moto.Moto, "web-1-v1", "web-2-v1", "web-1-v2", "web-2-v2", "api-v1");
        var rules = JsonDocument.Parse(await moto.Moto.PythonAsync(Fill("""
            import boto3, json
            elb = boto3.client('elbv2'); eks = boto3.client('eks')
            web = elb.create_rule(ListenerArn='@LISTENER@', Priority=10,
                Conditions=[{'Field': 'host-header', 'HostHeaderConfig': {'Values': ['shop.example.com']}},
                            {'Field': 'path-pattern', 'PathPatternConfig': {'Values': ['/web/*']}}],
                Actions=[{'Type': 'authenticate-oidc', 'Order': 1, 'AuthenticateOidcConfig': {
                            'Issuer': 'https://idp.example.com', 'AuthorizationEndpoint': 'https://idp.example.com/auth',
                            'TokenEndpoint': 'https://idp.example.com/token', 'UserInfoEndpoint': 'https://idp.example.com/userinfo',
                            'ClientId': 'web', 'ClientSecret': 'secret', 'OnUnauthenticatedRequest': 'authenticate'}},
                         {'Type': 'forward', 'Order': 2, 'ForwardConfig': {'TargetGroups': [
                            {'TargetGroupArn': '@web-1-v1@', 'Weight': 50},
                            {'TargetGroupArn': '@web-2-v1@', 'Weight': 50}],
                            'TargetGroupStickinessConfig': {'Enabled': True, 'DurationSeconds': 600}}}])['Rules'][0]['RuleArn']
            elb.create_rule(ListenerArn='@LISTENER@', Priority=11,
                Conditions=[{'Field': 'path-pattern', 'PathPatternConfig': {'Values': ['/api/*']}}],
                Actions=[{'Type': 'forward', 'TargetGroupArn': '@api-v1@'}])
            for n in ['mycluster-web-1-v1', 'mycluster-web-2-v1', 'mycluster-web-1-v2', 'mycluster-web-2-v2',
                      'mycluster-api-v1', 'mycluster-backgroundjobs-v1']:
                eks.create_cluster(name=n, roleArn='arn:aws:iam::123456789012:role/eks', resourcesVpcConfig={'subnetIds': ['subnet-1']})
            print(json.dumps({'web': web}))
            """, alb))).RootElement;
        var webRule = rules.GetProperty("web").GetString()!;
        var before = await RuleAsync(moto.Moto, webRule);

        var v1 = Load("mysystem-v1.yaml", alb, 1);
        var v2 = Load("mysystem-v2.yaml", alb, 2);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var world = new SimulatedWorld(SimulationScenario.Default with
        {
            Start = start, EksReadyDelay = TimeSpan.Zero, SyncDelay = TimeSpan.FromSeconds(2), JobDuration = TimeSpan.FromSeconds(1),
        }, seed: 1);
        world.Seed(Seq(v1, v2));
        var transport = new AwsTransport(new HttpClient(), moto.Settings());
        var ports = new PortSet(
            world.Kubernetes,
            new ElasticLoadBalancingV2Client(transport),
            new CachingEks(new EksClient(transport), () => world.Clock.Now, CachingEks.DefaultResync),
            new WallClockMetrics(new MetricProviders(
                Some(new PrometheusMetrics(new HttpClient(), PrometheusSettings.At(prometheus.Server.Url))), None)));
        var driver = new Driver(world, new ReconcileLoop(ports, retries: RetryPolicy.None), moto.Proxy);
        bool Synced(SystemSpec s) => world.Kubernetes.SystemStatusOf(s.Name).Exists(st => st.Phase == SystemPhase.Synced);

        // v1 rolls out (the rule already matches it) and settles.
        var rollout = await driver.UntilAsync(v1, p => Synced(v1) && p.Report.Planned.IsEmpty && p.Report.RequeueAfter.IsNone);
        var steady = await driver.PassAsync(v1);
        output.WriteLine($"v1 roll-out: {rollout.Count} passes, DescribeCluster {rollout.Sum(p => Calls(p, "eks.DescribeCluster"))} in all; " +
            $"steady-state pass AWS calls: {Format(steady)}");

        // v2: new members join and deploy; the first shift waits for healthy targets in the new target groups.
        var waiting = await driver.UntilAsync(v2, p => Message(world, "web").Contains("waiting for healthy targets", StringComparison.Ordinal));
        await alb.RegisterTargetsAsync(moto.Moto, "web-1-v2", 2);
        await alb.RegisterTargetsAsync(moto.Moto, "web-2-v2", 2);
        var shifting = await driver.UntilAsync(v2, p => p.Report.Executed.Exists(c => c is Command.SetForwardWeights s && s.Application == "web"));
        var step = shifting[^1];
        // Step 1's check, measured through Prometheus an interval after the weights were written.
        bool WebCheckPassed() => world.Kubernetes.CheckObjects.All.Exists(o =>
            o.Spec.Application == "web" && o.Status.Results.Exists(r => r.Outcome == MeasurementOutcome.Passed));
        var measuring = await driver.UntilAsync(v2, _ => WebCheckPassed());
        output.WriteLine($"v2 until the health gate held: {waiting.Count} passes; then {shifting.Count} passes to step 1, " +
            $"{measuring.Count} until its check passed");
        output.WriteLine($"step pass AWS calls: {Format(step)}");
        output.WriteLine($"max DescribeRules per pass during the migration: {waiting.Concat(shifting).Concat(measuring).Max(p => Calls(p, "elbv2.DescribeRules"))}");

        // The rule: step-1 weights in the forward action; its login action, conditions and stickiness untouched.
        var after = await CliRuleAsync(webRule);
        var forward = after.GetProperty("Actions").EnumerateArray().Single(a => a.GetProperty("Type").GetString() == "forward");
        Assert.Equal(
            new[] { ("web-1-v1", 45), ("web-1-v2", 5), ("web-2-v1", 45), ("web-2-v2", 5) },
            forward.GetProperty("ForwardConfig").GetProperty("TargetGroups").EnumerateArray()
                .Select(t => (alb.TargetGroups.Single(g => g.Value == t.GetProperty("TargetGroupArn").GetString()).Key, t.GetProperty("Weight").GetInt32()))
                .OrderBy(t => t.Key, StringComparer.Ordinal).ToArray());
        AssertJsonEqual(before.GetProperty("Actions")[0], after.GetProperty("Actions")[0]);
        AssertJsonEqual(before.GetProperty("Conditions"), after.GetProperty("Conditions"));
        Assert.Equal(2, forward.GetProperty("Order").GetInt32());
        AssertJsonEqual(before.GetProperty("Actions")[1].GetProperty("ForwardConfig").GetProperty("TargetGroupStickinessConfig"),
            forward.GetProperty("ForwardConfig").GetProperty("TargetGroupStickinessConfig"));

        // Web's check was measured through Prometheus and passed; the rule stays at step 1 until the next pass.
        Assert.True(WebCheckPassed());
        Assert.Equal(0, measuring.Sum(p => Calls(p, "elbv2.ModifyRule")));

        // Calls counted at the server.
        Assert.Equal((1, 0, 0, 0), (Calls(steady, "elbv2.DescribeRules"), Calls(steady, "elbv2.ModifyRule"),
            Calls(steady, "eks.DescribeCluster"), Calls(steady, "elbv2.DescribeTargetHealth")));
        Assert.All(waiting.Concat(shifting).Concat(measuring), p => Assert.True(Calls(p, "elbv2.DescribeRules") <= 1, Format(p)));
        Assert.Equal(0, waiting.Sum(p => Calls(p, "elbv2.ModifyRule")));
        Assert.Equal(1, shifting.Sum(p => Calls(p, "elbv2.ModifyRule")));
        Assert.Equal(2, Calls(step, "elbv2.DescribeTargetHealth")); // the two new target groups, read before the shift
        Assert.Equal(4, rollout.Sum(p => Calls(p, "eks.DescribeCluster"))); // each of v1's four clusters, once
    }

    /// <summary>The script with @LISTENER@ and @TARGET-GROUP-NAME@ replaced by moto's ARNs.</summary>
    private static string Fill(string script, MotoAlb alb) =>
        alb.TargetGroups.Aggregate(script.Replace("@LISTENER@", alb.ListenerArn, StringComparison.Ordinal),
            (s, g) => s.Replace($"@{g.Key}@", g.Value, StringComparison.Ordinal));

    private static string Message(SimulatedWorld world, string app) =>
        world.Kubernetes.SystemStatusOf("mysystem").Bind(s => s.Applications.Find(a => a.Name == app)).Map(a => a.Message).IfNone("");

    private static string Format(Pass p) => string.Join(", ", p.AwsCalls.Select(c => $"{c.Operation}={c.Calls}"));

    /// <summary>The rule as boto3 reads it (quicker than a CLI process; the CLI reads the result).</summary>
    internal static async Task<JsonElement> RuleAsync(MotoServer moto, string ruleArn) =>
        JsonDocument.Parse(await moto.PythonAsync($"""
            import boto3, json
            print(json.dumps(boto3.client('elbv2').describe_rules(RuleArns=['{ruleArn}'])['Rules'][0]))
            """)).RootElement.Clone();

    internal static void AssertJsonEqual(JsonElement expected, JsonElement actual) =>
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
                System.Text.Json.Nodes.JsonNode.Parse(expected.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(actual.GetRawText())),
            $"expected {expected}\nactual   {actual}");

    private async Task<JsonElement> CliRuleAsync(string ruleArn) =>
        (await moto.Moto.AwsAsync("elbv2", "describe-rules", "--rule-arns", ruleArn))!.Value.GetProperty("Rules")[0];

    /// <summary>
    /// Evaluates queries at the wall clock rather than the simulated one (which runs ahead of it by
    /// the requeues), so Prometheus has the samples the test serves.
    /// </summary>
    private sealed class WallClockMetrics(IMetrics inner) : IMetrics
    {
        public Task<MetricReading> QueryAsync(MetricProvider provider, string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default) =>
            inner.QueryAsync(provider, query, DateTimeOffset.UtcNow, window, cancellation);
    }
}
