using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Hotswap.Core.Tests;

/// <summary>A world with something in every field, awkward strings included, for round trips.</summary>
public static class SampleWorld
{
    public const string Listener =
        "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2";

    public static string TargetGroup(string shortName) =>
        $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{shortName}/0123456789abcdef";

    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 3, 0, TimeSpan.Zero);

    /// <summary>A Seq of these items (Prelude's Seq reads a lone string as its characters).</summary>
    public static Seq<T> List<T>(params T[] items) => items.ToSeq();

    public static ForwardConfig Forward(params (string Arn, int Weight)[] weights) =>
        ForwardConfig.Of(weights.Select(w => new TargetGroupWeight(w.Arn, w.Weight)));

    public static World Rich()
    {
        var web = Forward((TargetGroup("web-1-v1"), 35), (TargetGroup("web-2-v1"), 35),
            (TargetGroup("web-1-v2"), 15), (TargetGroup("web-2-v2"), 15));
        var rule = new ListenerRule(new RuleKey(Listener, 10), Listener.Replace("listener/", "listener-rule/") + "/1", web);
        var empty = new ListenerRule(new RuleKey(Listener, 12), "rule-12", ForwardConfig.Empty);
        var check = new CheckObjectSpec("mysystem-web-dd", "mysystem", "web", "dd", Some("mycluster-web-1-v2"),
            "avg:errors{cluster:a}\n  .rollup(60)\n", Some(0.0), Some(0.05), TimeSpan.FromSeconds(90),
            MetricProvider.Prometheus, 1, 3, true, "abc123");
        var measurements = List(
            new Measurement(T0, Some(0.01), MeasurementOutcome.Passed, "0.01 within [0, 0.05]"),
            new Measurement(T0.AddMinutes(1).AddTicks(5), None, MeasurementOutcome.Inconclusive, "no data"),
            new Measurement(new DateTimeOffset(2026, 11, 24, 11, 5, 0, TimeSpan.FromHours(1)), Some(1e-300),
                MeasurementOutcome.Failed, ""));
        return new World(
            HashMap(
                ("c1", new EksCluster("c1", EksClusterState.Active, Some("https://ABC.gr7.us-east-1.eks.amazonaws.com"),
                    Some("LS0tLS1CRUdJTg=="), Some("arn:aws:eks:us-east-1:123456789012:cluster/c1"))),
                ("c2", new EksCluster("c2", EksClusterState.Creating, None, None, None))),
            HashMap(
                ("mysystem-c1", new ClusterSecret("mysystem-c1", "https://ABC", "{\"awsAuthConfig\":{\"clusterName\":\"c1\"}}",
                    Map(("myservice-role", "web"), ("empty", ""), ("num", "10")), Set("web-clusters", "api-clusters"))),
                ("mysystem-c2", new ClusterSecret("mysystem-c2", "", "", Map<string, string>(), Set<string>()))),
            List(new ApplicationSetState("web", Map(("team", "a")), Map(("myservice-role", "web")), true),
                new ApplicationSetState("api", Map<string, string>(), Map<string, string>(), false)),
            List(new ArgoApplication("web-mysystem-c1", "web", "mysystem-c1", "Synced", "Healthy"),
                new ArgoApplication("web-mysystem-c2", "web", "mysystem-c2", "OutOfSync", "Progressing")),
            HashMap((rule.Key, rule), (empty.Key, empty)),
            List(new TargetGroupBinding("c1", "default/web", Map(("app", "web")), TargetGroup("web-1-v2"))),
            HashMap(("pre-1", new JobState("pre-1", JobPhase.Succeeded, "ok")),
                ("pre-2", new JobState("pre-2", JobPhase.Failed, "true"))),
            Some(new Revision(1, "hash-1", HashMap(
                ("web", new ApplicationRevision(List("mysystem-c1"), Some(web))),
                ("jobs", new ApplicationRevision(Seq<string>(), None)),
                ("none", new ApplicationRevision(Seq<string>(), Some(ForwardConfig.Empty)))))),
            HashMap(("mysystem-c1", new ArgoCDClusterObject(
                new ArgoCDClusterSpec("mysystem-c1", "mysystem", "c1", "eks-c1", Some("arn:aws:iam::1:role/argo"), false,
                    Some(TimeSpan.FromMinutes(90)), Map(("myservice-role", "web"))),
                new ArgoCDClusterStatus("Ready", true, "ready", Some("https://ABC"), 3,
                    List(new Condition("Ready", "True", "Ready", "secret written", T0)),
                    Some(new CommandFailure("write-secret", "secret/argocd/mysystem-c1", T0, "Conflict", "the object has been modified")))))),
            HashMap(("mysystem-web", new ApplicationDeploymentObject(
                new ApplicationDeploymentSpec("mysystem-web", "mysystem", "web", List("mysystem-c1", "mysystem-c2"),
                    new ClusterSecretSpec("web-clusters", Map(("myservice-role", "web"))),
                    new ApplicationSetRef(None, new LabelSelector(Map(("team", "a")), List(
                        new LabelSelectorRequirement("tier", SelectorOperator.NotIn, List("batch", "cron")),
                        new LabelSelectorRequirement("gpu", SelectorOperator.DoesNotExist, Seq<string>())))),
                    UpdateStrategyType.DeleteBeforeCreate),
                new ApplicationDeploymentStatus("Deploying", "waiting", List("mysystem-c1"), Seq<string>(), 2,
                    List(new Condition("Progressing", "True", "Joining", "mysystem-c1 joins", T0)))))),
            HashMap(
                ("mysystem-web-dd", new CheckObject(check, new CheckStatus(Some(false), Some(T0), "abc123", measurements, "failed"))),
                ("mysystem-web-dd2", new CheckObject(check with { Name = "mysystem-web-dd2", Cluster = None, Min = None },
                    CheckStatus.Initial))),
            Some(new SystemStatus(7, SystemPhase.Migrating, "web: step 3 of 10", "2/3 synced",
                List(new Condition("Progressing", "True", "Migrating", "web", T0)),
                List(new ApplicationStatus("web", ApplicationPhase.Migrating, "step 3", 3, 10, Some(T0), None, "t1", Some(web)),
                    new ApplicationStatus("api", ApplicationPhase.Synced, "", 0, 1, None, Some(T0.AddSeconds(1.5)), "", None,
                        LastFailure: Some(new CommandFailure("set-weights", "rule/listener#10", T0, "Throttling", "Rate exceeded")))),
                Some(T0.AddHours(-1)),
                Some(new CommandFailure("save-revision", "controllerrevision/mysystem-1", T0, "ServerError", "etcd timeout")))));
    }
}
