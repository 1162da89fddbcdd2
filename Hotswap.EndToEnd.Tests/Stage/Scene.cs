using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// One test's part of a <see cref="Stage"/>: its namespace (<see cref="Namespace"/>), its ALB in moto
/// (listener, target groups "web-1-v1" … "api-v1", web's rule at priority 10 on v1 50/50 and api's at
/// 11 on api-v1 100), its six EKS clusters, and its error-ratio series in Prometheus. It derives the
/// test's System from the examples (<see cref="System"/>), applies it, waits for its status, reads
/// its Events, its ArgoCD cluster secrets and the rules' weights at the AWS side, and runs the
/// hotswap CLI against it.
/// </summary>
public sealed class Scene
{
    /// <summary>The System's name, as in the examples.</summary>
    public const string SystemName = "mysystem";

    private Scene(Stage stage, string name, string clusterPrefix, string listenerArn,
        IReadOnlyDictionary<string, string> targetGroups, string webRule, string apiRule)
    {
        Stage = stage;
        Name = name;
        ClusterPrefix = clusterPrefix;
        ListenerArn = listenerArn;
        TargetGroups = targetGroups;
        WebRuleArn = webRule;
        ApiRuleArn = apiRule;
        Cli = new HotswapCli(stage.WriteKubeconfig(Stage.CliUser, name), name);
    }

    public Stage Stage { get; }

    /// <summary>The scene's name: its namespace, its ALB's name, its metric series' label.</summary>
    public string Name { get; }

    /// <summary>The namespace the System lives in (the scene's name).</summary>
    public string Namespace => Name;

    /// <summary>What "mycluster" becomes in the clusters' names (and their EKS clusters').</summary>
    public string ClusterPrefix { get; }

    public string ListenerArn { get; }

    /// <summary>Target group ARNs by the example's short names: web-1-v1, web-2-v1, web-1-v2, web-2-v2, api-v1.</summary>
    public IReadOnlyDictionary<string, string> TargetGroups { get; }

    /// <summary>web's listener rule (priority 10).</summary>
    public string WebRuleArn { get; }

    /// <summary>api's listener rule (priority 11).</summary>
    public string ApiRuleArn { get; }

    /// <summary>The hotswap CLI, as user <see cref="Stage.CliUser"/>, in this scene's namespace.</summary>
    public HotswapCli Cli { get; }

    /// <summary>The PromQL every check of the scene's System runs.</summary>
    public string Query => $"max(hotswap_e2e_error_ratio{{scene=\"{Name}\"}})";

    private string Series => $"hotswap_e2e_error_ratio{{scene=\"{Name}\"}}";

    /// <summary>The example's cluster names, as this scene names them (mycluster-web-1-v1 → PREFIX-web-1-v1).</summary>
    public string Cluster(string exampleName) =>
        exampleName.StartsWith("mycluster-", StringComparison.Ordinal) ? ClusterPrefix + exampleName["mycluster".Length..] : exampleName;

    private static readonly string[] ExampleClusters =
        ["mycluster-web-1-v1", "mycluster-web-2-v1", "mycluster-web-1-v2", "mycluster-web-2-v2", "mycluster-api-v1", "mycluster-backgroundjobs-v1"];

    internal static async Task<Scene> CreateAsync(Stage stage, string name, string clusterPrefix)
    {
        stage.Api.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } });
        var clusters = string.Join(", ", ExampleClusters.Select(c => $"'{clusterPrefix}{c["mycluster".Length..]}'"));
        var output = await stage.Moto.PythonAsync($$$"""
            import boto3, json
            ec2 = boto3.client('ec2'); elb = boto3.client('elbv2'); eks = boto3.client('eks')
            vpc = ec2.create_vpc(CidrBlock='10.0.0.0/16')['Vpc']['VpcId']
            a = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.1.0/24', AvailabilityZone='us-east-1a')['Subnet']['SubnetId']
            b = ec2.create_subnet(VpcId=vpc, CidrBlock='10.0.2.0/24', AvailabilityZone='us-east-1b')['Subnet']['SubnetId']
            lb = elb.create_load_balancer(Name='{{{name}}}', Subnets=[a, b], Type='application')['LoadBalancers'][0]['LoadBalancerArn']
            listener = elb.create_listener(LoadBalancerArn=lb, Protocol='HTTP', Port=80, DefaultActions=[
                {'Type': 'fixed-response', 'FixedResponseConfig': {'StatusCode': '404', 'ContentType': 'text/plain', 'MessageBody': 'no route'}}])['Listeners'][0]['ListenerArn']
            tgs = {}
            for n in ['web-1-v1', 'web-2-v1', 'web-1-v2', 'web-2-v2', 'api-v1']:
                tgs[n] = elb.create_target_group(Name='{{{name}}}-' + n, Protocol='HTTP', Port=80, VpcId=vpc, TargetType='ip')['TargetGroups'][0]['TargetGroupArn']
                elb.register_targets(TargetGroupArn=tgs[n], Targets=[{'Id': '10.0.1.%d' % (i + 10), 'Port': 80} for i in range(2)])
            web = elb.create_rule(ListenerArn=listener, Priority=10,
                Conditions=[{'Field': 'path-pattern', 'PathPatternConfig': {'Values': ['/web/*']}}],
                Actions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [
                    {'TargetGroupArn': tgs['web-1-v1'], 'Weight': 50}, {'TargetGroupArn': tgs['web-2-v1'], 'Weight': 50}]}}])['Rules'][0]['RuleArn']
            api = elb.create_rule(ListenerArn=listener, Priority=11,
                Conditions=[{'Field': 'path-pattern', 'PathPatternConfig': {'Values': ['/api/*']}}],
                Actions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [
                    {'TargetGroupArn': tgs['api-v1'], 'Weight': 100}]}}])['Rules'][0]['RuleArn']
            for c in [{{{clusters}}}]:
                eks.create_cluster(name=c, roleArn='arn:aws:iam::123456789012:role/eks', resourcesVpcConfig={'subnetIds': [a, b]})
            print(json.dumps({'listener': listener, 'tgs': tgs, 'web': web, 'api': api}))
            """);
        var json = JsonDocument.Parse(output).RootElement;
        var scene = new Scene(stage, name, clusterPrefix, json.GetProperty("listener").GetString()!,
            json.GetProperty("tgs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            json.GetProperty("web").GetString()!, json.GetProperty("api").GetString()!);
        await scene.SetErrorRatioAsync(0.001);
        return scene;
    }

    /// <summary>Serves the scene's error ratio as <paramref name="value"/> and waits until Prometheus answers it.</summary>
    public async Task SetErrorRatioAsync(double value)
    {
        Stage.Prometheus.Set(Series, value);
        await Stage.Prometheus.WaitForAsync(Query, value.ToString("R", global::System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The test's System from examples/<paramref name="example"/> (see docs/e2e.md, "How the test's
    /// System differs from the example"): in this scene's namespace; clusters, EKS clusters,
    /// listener and target groups renamed to this scene's; every check on Prometheus, the scene's
    /// query, every <paramref name="checkInterval"/> (default 1s); readyTimeout 60 s; progressDeadline 90 s; rollback.delay 2 s.
    /// </summary>
    public JsonObject System(string example, string checkInterval = "1s")
    {
        var o = YamlJson.ReadPath(RepoFiles.PathOf("examples", example)).Single();
        o["metadata"] = new JsonObject { ["name"] = SystemName, ["namespace"] = Namespace };
        var spec = o["spec"]!.AsObject();
        foreach (var c in spec["clusters"]!.AsArray().OfType<JsonObject>())
        {
            c["name"] = Cluster(c["name"]!.GetValue<string>());
            if (c["eks"]?["clusterName"] is { } eksName) c["eks"]!["clusterName"] = Cluster(eksName.GetValue<string>());
            if (c["readyTimeout"] is not null) c["readyTimeout"] = "60s";
            if (c["labels"]?["targetGroupARN"] is { } arn) c["labels"]!["targetGroupARN"] = TargetGroupOf(arn.GetValue<string>());
        }
        foreach (var a in spec["applications"]!.AsArray().OfType<JsonObject>())
        {
            a["progressDeadline"] = "90s";
            if (a["alb"] is JsonObject alb) alb["listenerARN"] = ListenerArn;
            foreach (var check in (a["checks"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var analysis = check["analysis"]!.AsObject();
                analysis["provider"] = "prometheus";
                analysis["interval"] = checkInterval;
                analysis["query"] = Query;
            }
        }
        spec["rollback"]!["delay"] = "2s";
        return o;
    }

    /// <summary>This scene's ARN for an example target group ARN (…:targetgroup/web-1-v1/… → the scene's web-1-v1).</summary>
    private string TargetGroupOf(string exampleArn)
    {
        var shortName = exampleArn.Split('/')[1];
        return TargetGroups.TryGetValue(shortName, out var arn) ? arn : throw new KeyNotFoundException($"no target group {shortName} in scene {Name}");
    }

    private ResourceType Systems => Stage.Api.Catalog.Find("hotswap.mumoshu.github.io", "v1alpha1", "systems")!;

    /// <summary>Creates the System, or replaces only its spec (as kubectl apply does: finalizers, annotations and status stay).</summary>
    public void Apply(JsonObject system)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = Stage.Api.Store.Find(Systems, Namespace, SystemName);
            if (current is null)
            {
                Stage.Api.Apply(system);
                return;
            }
            current["spec"] = system["spec"]!.DeepClone();
            try
            {
                Stage.Api.Store.Update(Systems, Namespace, SystemName, current);
                return;
            }
            catch (KubeStatus conflict) when (conflict.Code == 409 && attempt < 5)
            {
            }
        }
    }

    /// <summary>The System as stored now, or null.</summary>
    public JsonObject? Current() => Stage.Api.Store.Find(Systems, Namespace, SystemName);

    /// <summary>status.phase of the System ("" before its first status).</summary>
    public string Phase() => Current()?["status"]?["phase"]?.ToString() ?? "";

    /// <summary>True when the status describes the spec as it is now (status.observedGeneration = metadata.generation).</summary>
    public bool Observed() =>
        Current() is { } s && s["status"]?["observedGeneration"]?.ToString() is { } seen && seen == s["metadata"]?["generation"]?.ToString();

    /// <summary>True when the status describes the current spec and says <paramref name="phase"/>.</summary>
    public bool IsAt(string phase) => Observed() && Phase() == phase;

    /// <summary>status.applications[name] of the System, or null.</summary>
    public JsonObject? Application(string name) =>
        (Current()?["status"]?["applications"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a => a["name"]?.ToString() == name);

    /// <summary>status.applications[name].phase ("" when absent).</summary>
    public string PhaseOf(string application) => Application(application)?["phase"]?.ToString() ?? "";

    /// <summary>status.applications[name].step (-1 when absent).</summary>
    public int StepOf(string application) => Application(application)?["step"]?.GetValue<int>() ?? -1;

    /// <summary>
    /// Polls the stored System every 100 ms until <paramref name="done"/> holds; on timeout fails with
    /// the status, the newest Events and the tails of <paramref name="replicas"/>' logs.
    /// </summary>
    public async Task<TimeSpan> WaitForAsync(Func<bool> done, string what, TimeSpan? timeout = null, params Replica[] replicas)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > limit)
                throw new Xunit.Sdk.XunitException(
                    $"waited {limit.TotalSeconds} s for {what}\nstatus: {Current()?["status"]?.ToJsonString()}\n" +
                    $"events:\n{string.Join('\n', Events().TakeLast(15))}\n" +
                    string.Join('\n', replicas.Select(r => $"--- {r.Name}:\n{r.Tail}")));
            await Task.Delay(100);
        }
        return clock.Elapsed;
    }

    /// <summary>Waits until the System's phase is <paramref name="phase"/>.</summary>
    public Task<TimeSpan> WaitForPhaseAsync(string phase, TimeSpan? timeout = null, params Replica[] replicas) =>
        WaitForAsync(() => IsAt(phase), $"System phase {phase} for generation {Current()?["metadata"]?["generation"]}", timeout, replicas);

    /// <summary>
    /// Waits until an Event matching <paramref name="match"/> is there (the operator records Events
    /// after the status, so a test that saw the status may look a moment too early) and returns it.
    /// </summary>
    public async Task<SceneEvent> WaitForEventAsync(Func<SceneEvent, bool> match, string what, params Replica[] replicas)
    {
        SceneEvent? found = null;
        await WaitForAsync(() => (found = Events().FirstOrDefault(match)) is not null, $"an Event: {what}", TimeSpan.FromSeconds(30), replicas);
        return found!;
    }

    /// <summary>The events.k8s.io/v1 Events in the scene's namespace, oldest first.</summary>
    public IReadOnlyList<SceneEvent> Events()
    {
        var type = Stage.Api.Catalog.Find("events.k8s.io", "v1", "events")!;
        return [.. Stage.Api.Store.List(type, Namespace, _ => true).Items
            .Select(e => new SceneEvent(
                e["type"]?.ToString() ?? "", e["reason"]?.ToString() ?? "", e["note"]?.ToString() ?? "",
                e["regarding"]?["kind"]?.ToString() ?? "", e["regarding"]?["name"]?.ToString() ?? "",
                e["series"]?["count"]?.GetValue<int>() ?? 1,
                DateTimeOffset.TryParse(e["eventTime"]?.ToString(), global::System.Globalization.CultureInfo.InvariantCulture,
                    global::System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : DateTimeOffset.MinValue))
            .OrderBy(e => e.At)];
    }

    /// <summary>
    /// The clusters of this scene's System that have an ArgoCD cluster secret now, sorted: from each
    /// secret's data.name, which hotswap writes as "NAMESPACE.SYSTEM-CLUSTER".
    /// </summary>
    public IReadOnlyList<string> ArgoClusters()
    {
        var secrets = Stage.Api.Catalog.Find("", "v1", "secrets")!;
        var prefix = $"{Namespace}.{SystemName}-";
        return [.. Stage.Api.Store.List(secrets, ControlPlane.ArgoNamespace,
                s => s["metadata"]?["labels"]?["argocd.argoproj.io/secret-type"]?.ToString() == "cluster").Items
            .Select(s => s["data"]?["name"]?.ToString() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : "")
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The forward weights of <paramref name="ruleArn"/> as moto holds them now, by target group
    /// short name ("web-1-v2"), read with boto3 straight from moto (not through the recorder).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> WeightsAsync(string ruleArn)
    {
        var output = await Stage.Moto.PythonAsync($$"""
            import boto3, json
            rule = boto3.client('elbv2').describe_rules(RuleArns=['{{ruleArn}}'])['Rules'][0]
            forward = [a for a in rule['Actions'] if a['Type'] == 'forward'][0]
            groups = forward.get('ForwardConfig', {}).get('TargetGroups') or [{'TargetGroupArn': forward['TargetGroupArn'], 'Weight': 1}]
            print(json.dumps({g['TargetGroupArn']: g.get('Weight', 1) for g in groups}))
            """);
        return ShortNames(JsonDocument.Parse(output).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()));
    }

    /// <summary>Weights by ARN → by short name ("web-1-v2"); an ARN not of this scene keeps its ARN.</summary>
    public IReadOnlyDictionary<string, int> ShortNames(IReadOnlyDictionary<string, int> byArn) =>
        byArn.ToDictionary(kv => TargetGroups.FirstOrDefault(t => t.Value == kv.Key).Key ?? kv.Key, kv => kv.Value, StringComparer.Ordinal);

    /// <summary>A replica reconciling only this scene's namespace, with its own Lease (named after the scene).</summary>
    public ReplicaOptions ReplicaOptions(string name) =>
        new() { Name = name, Namespaces = [Namespace], LeaseName = $"hotswap-{Name}" };
}
