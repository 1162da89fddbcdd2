using Hotswap.Core.Spec;

namespace Hotswap.Core.Tests;

/// <summary>Named fixtures: a small valid System as YAML and as records, and ways to bend it.</summary>
public static class Some
{
    public const string ListenerArn =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2";

    public static string TargetGroupArn(string name) =>
        $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{name}/73e2d6bc24d8a067";

    public const string ErrorRateQuery = "sum:trace.http.request.errors{cluster:{{.Vars.clusterName}}}.as_rate()";

    /// <summary>The same System as <see cref="System"/>: web on two clusters (canary), api on one (blue-green).</summary>
    public static readonly string ValidSystemYaml = $"""
        apiVersion: hotswap.mumoshu.github.io/v1alpha1
        kind: System
        metadata:
          name: mysystem
        spec:
          clusters:
          - name: web-1
            eks: {"{}"}
            labels:
              role: web
              targetGroupARN: {TargetGroupArn("web-1")}
          - name: web-2
            eks: {"{}"}
            labels:
              role: web
              targetGroupARN: {TargetGroupArn("web-2")}
          - name: api-1
            eks: {"{}"}
            labels:
              role: api
              targetGroupARN: {TargetGroupArn("api-1")}
          applications:
          - name: web
            clusterSelector:
              role: web
            argocd:
              clusterSecret:
                name: web-clusters
                labels:
                  myservice-role: web
              applicationSet:
                name: web
            alb:
              listenerARN: {ListenerArn}
              forwardConfig:
                priority: 10
                targetGroup:
                  arnFromLabel: targetGroupARN
              updateStrategy:
                stepWeight: 10
                totalWeight: 100
            checks:
            - name: error-rate
              analysis:
                query: {ErrorRateQuery}
                max: 0.01
          - name: api
            clusterSelector:
              role: api
            argocd:
              clusterSecret:
                name: api-clusters
                labels:
                  myservice-role: api
              applicationSet:
                selector:
                  app.kubernetes.io/part-of: api
            alb:
              listenerARN: {ListenerArn}
              forwardConfig:
                priority: 11
                targetGroup:
                  arnFromLabel: targetGroupARN
              updateStrategy:
                stepWeight: 100
        """;

    public static ClusterSpec Cluster(string name, string role) => new(
        name, new EksSpec(name, None), true, None,
        Map(("role", role), ("targetGroupARN", TargetGroupArn(name))));

    public static AlbSpec Alb(int priority, int step) => new(
        ListenerArn, priority, new TargetGroupSource.FromLabel("targetGroupARN"), step, 100);

    public static readonly CheckSpec ErrorRate = new("error-rate", new AnalysisSpec(
        ErrorRateQuery, None, Some(0.01), AnalysisSpec.DefaultInterval, MetricProvider.Datadog,
        AnalysisSpec.DefaultFailureLimit, AnalysisSpec.DefaultInconclusiveLimit));

    public static readonly JobCheckSpec Smoke = new("smoke", """{"spec":{"template":{"spec":{"containers":[{"image":"ghcr.io/mumoshu/hotswap-smoke:1.0","name":"smoke"}]}}}}""");

    public static readonly ApplicationSpec Web = new(
        "web", Map(("role", "web")),
        new ArgoCdSpec(new ClusterSecretSpec("web-clusters", Map(("myservice-role", "web"))),
            new ApplicationSetRef(Some("web"), Map<string, string>()), UpdateStrategyType.CreateBeforeDelete),
        Some(Alb(10, 10)), Seq1(ErrorRate), Seq<JobCheckSpec>(), Seq<JobCheckSpec>());

    public static readonly ApplicationSpec Api = new(
        "api", Map(("role", "api")),
        new ArgoCdSpec(new ClusterSecretSpec("api-clusters", Map(("myservice-role", "api"))),
            new ApplicationSetRef(None, Map(("app.kubernetes.io/part-of", "api"))), UpdateStrategyType.CreateBeforeDelete),
        Some(Alb(11, 100)), Seq<CheckSpec>(), Seq<JobCheckSpec>(), Seq<JobCheckSpec>());

    public static readonly SystemSpec System = new(
        "mysystem", 1,
        Seq(Cluster("web-1", "web"), Cluster("web-2", "web"), Cluster("api-1", "api")),
        Seq(Web, Api),
        RollbackPolicy.Default);

    // Builders: bend one part of a System, keep the rest.

    public static SystemSpec WithCluster(this SystemSpec s, int i, Func<ClusterSpec, ClusterSpec> f) =>
        s with { Clusters = toSeq(s.Clusters.Select((c, j) => j == i ? f(c) : c)).Strict() };

    public static SystemSpec WithApp(this SystemSpec s, int i, Func<ApplicationSpec, ApplicationSpec> f) =>
        s with { Applications = toSeq(s.Applications.Select((a, j) => j == i ? f(a) : a)).Strict() };

    public static SystemSpec WithAlb(this SystemSpec s, int i, Func<AlbSpec, AlbSpec> f) =>
        s.WithApp(i, a => a with { Alb = a.Alb.Map(f) });

    public static SystemSpec WithAnalysis(this SystemSpec s, int i, Func<AnalysisSpec, AnalysisSpec> f) =>
        s.WithApp(i, a => a with { Checks = a.Checks.Map(c => c with { Analysis = f(c.Analysis) }) });

    public static SystemSpec WithSecret(this SystemSpec s, int i, string name, Map<string, string> labels) =>
        s.WithApp(i, a => a with { ArgoCd = a.ArgoCd with { ClusterSecret = new ClusterSecretSpec(name, labels) } });

    public static SystemSpec WithExtraClusters(this SystemSpec s, int n, string role) =>
        s with { Clusters = s.Clusters + toSeq(Enumerable.Range(1, n).Select(k => Cluster($"{role}-x{k}", role))) };
}
