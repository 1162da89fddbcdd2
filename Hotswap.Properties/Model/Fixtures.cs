using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Safety;
using Hotswap.Core.Spec;

namespace Hotswap.Properties.Model;

/// <summary>Builders for Systems and the worlds they start in.</summary>
public static class Fixtures
{
    public const string System = "sys";
    public const string Listener = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/sys/50dc6c495c0c9188/f2f7dc8efc522ab2";
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static string TargetGroup(string cluster) =>
        $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{cluster}/{Hashing.Of(cluster)}";

    public static ClusterSpec Cluster(string name, string role) =>
        new(name, new EksSpec(name, None), true, None,
            Map(("role", role), ("targetGroupARN", TargetGroup(name))));

    /// <summary>An application served by the clusters with label role=&lt;name&gt;.</summary>
    public static ApplicationSpec App(
        string name, int priority, Option<(int Step, int Total)> alb, UpdateStrategyType strategy = UpdateStrategyType.CreateBeforeDelete,
        Seq<CheckSpec> checks = default, Seq<JobCheckSpec> prechecks = default, Seq<JobCheckSpec> postchecks = default) =>
        new(name, Map(("role", name)),
            new ArgoCdSpec(new ClusterSecretSpec($"{name}-clusters", Map(("svc-role", name))),
                new ApplicationSetRef(Some(name), Map<string, string>()), strategy),
            alb.Map(a => new AlbSpec(Listener, priority, new TargetGroupSource.FromLabel("targetGroupARN"), a.Step, a.Total)),
            checks, prechecks, postchecks);

    public static CheckSpec Check(string name, TimeSpan interval) =>
        new(name, new AnalysisSpec("errors{cluster:{{.Vars.clusterName}}}", None, Some(0.05), interval, MetricProvider.Datadog, 0, 3));

    public static SystemSpec SystemOf(Seq<ClusterSpec> clusters, params ApplicationSpec[] apps) =>
        new(System, 1, clusters, apps.ToSeq(), RollbackPolicy.Default);

    /// <summary>
    /// The outside world for a System: EKS clusters (ACTIVE) for every named cluster, one
    /// ApplicationSet per application (named as argocd.applicationSet.name, else after the
    /// application, and labelled to match argocd.applicationSet.selector) selecting its set's labels, and its listener rule with no
    /// target groups yet.
    /// </summary>
    public static World WorldFor(Seq<string> eksClusters, Seq<ApplicationSpec> apps) =>
        World.Empty with
        {
            EksClusters = eksClusters.Map(c => (c, new EksCluster(c, EksClusterState.Active,
                Some($"https://{Hashing.Of(c).ToUpperInvariant()}.gr7.us-east-1.eks.amazonaws.com"), Some("Q0EK"), None))).ToHashMap(),
            ApplicationSets = apps.Map(a => new ApplicationSetState(
                a.ArgoCd.ApplicationSet.Name.IfNone(a.Name), Hotswap.Effects.Simulation.SimulatedWorld.LabelsSatisfying(a.ArgoCd.ApplicationSet.Selector),
                a.ArgoCd.ClusterSecret.Labels, false)),
            Rules = apps.Choose(a => a.Alb).Map(alb => (new RuleKey(alb.ListenerArn, alb.Priority),
                new ListenerRule(new RuleKey(alb.ListenerArn, alb.Priority), $"rule-{alb.Priority}", ForwardConfig.Empty))).ToHashMap(),
        };

    public static SafetyInvariants InvariantsFor(string system, Seq<string> clusters) =>
        new(clusters.Map(c => (TargetGroup(c), Naming.ClusterSecret(system, c))).ToHashMap());
}
