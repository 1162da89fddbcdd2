using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Effects.Tests;

/// <summary>Named fixtures: Systems of web clusters behind one listener rule.</summary>
public static class Some
{
    public const string System = "sys";
    public const string Listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/sys/50dc6c495c0c9188/f2f7dc8efc522ab2";

    public static string TargetGroup(string cluster) =>
        $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{cluster}/{Hashing.Of(cluster)}";

    public static ClusterSpec Cluster(string name, string role = "web") =>
        new(name, new EksSpec(name, None), true, None, Map(("role", role), ("targetGroupARN", TargetGroup(name))));

    public static CheckSpec Check(string name = "errors", double max = 0.05) =>
        new(name, new AnalysisSpec("sum:errors{cluster:{{.Vars.clusterName}}}", None, Some(max), TimeSpan.FromMinutes(1),
            MetricProvider.Datadog, 0, 3));

    /// <summary>"web" on the clusters labelled role=web, rule priority 10, stepping 10 of 100.</summary>
    public static ApplicationSpec Web(params CheckSpec[] checks) =>
        new("web", Map(("role", "web")),
            new ArgoCdSpec(new ClusterSecretSpec("web-clusters", Map(("svc-role", "web"))),
                new ApplicationSetRef(Some("web"), Map<string, string>()), UpdateStrategyType.CreateBeforeDelete),
            Some(new AlbSpec(Listener, 10, new TargetGroupSource.FromLabel("targetGroupARN"), 10, 100)),
            checks.ToSeq(), Seq<JobCheckSpec>(), Seq<JobCheckSpec>());

    public static SystemSpec SystemOf(Seq<ClusterSpec> clusters, params ApplicationSpec[] apps) =>
        new(System, 1, clusters, apps.ToSeq(), RollbackPolicy.Default);

    /// <summary>web on web-1-v1, web-2-v1.</summary>
    public static SystemSpec Old => SystemOf(Seq(Cluster("web-1-v1"), Cluster("web-2-v1")), Web(Check()));

    /// <summary>web moved to web-1-v2, web-2-v2.</summary>
    public static SystemSpec New => Old with { Generation = 2, Clusters = Seq(Cluster("web-1-v2"), Cluster("web-2-v2")) };

    /// <summary>"api" on the clusters labelled role=api, rule priority 11, stepping 50 of 100, with one check.</summary>
    public static ApplicationSpec Api() =>
        new("api", Map(("role", "api")),
            new ArgoCdSpec(new ClusterSecretSpec("api-clusters", Map(("svc-role", "api"))),
                new ApplicationSetRef(Some("api"), Map<string, string>()), UpdateStrategyType.CreateBeforeDelete),
            Some(new AlbSpec(Listener, 11, new TargetGroupSource.FromLabel("targetGroupARN"), 50, 100)),
            Seq1(Check("api-errors")), Seq<JobCheckSpec>(), Seq<JobCheckSpec>());

    /// <summary>web on web-1-v1, web-2-v1 and api on api-v1.</summary>
    public static SystemSpec TwoOld =>
        SystemOf(Seq(Cluster("web-1-v1"), Cluster("web-2-v1"), Cluster("api-v1", "api")), Web(Check()), Api());

    /// <summary>Both applications moved: web to web-1-v2, web-2-v2, api to api-v2.</summary>
    public static SystemSpec TwoNew => TwoOld with
    {
        Generation = 2,
        Clusters = Seq(Cluster("web-1-v2"), Cluster("web-2-v2"), Cluster("api-v2", "api")),
    };
}
