using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>Named objects the Kubernetes contract writes and reads.</summary>
internal static class ContractFixtures
{
    public const string SystemName = "mysystem";

    public static ArgoCDClusterSpec Cluster(string cluster, string system = SystemName) => new(
        $"{system}-{cluster}", system, cluster, $"eks-{cluster}", Some("arn:aws:iam::123456789012:role/argocd"), true,
        Some(TimeSpan.FromMinutes(30)), Map(("role", "web")));

    public static readonly ArgoCDClusterStatus ReadyStatus = new("Ready", true, "secret points at https://web-1.eks", Some("https://web-1.eks"));

    public static readonly ArgoCDClusterStatus WritingStatus = new("Writing", false, "writing secret", Some("https://web-1.eks"));

    public static ApplicationDeploymentSpec Deployment(string app, params string[] members) => new(
        $"{SystemName}-{app}", SystemName, app, members.ToSeq(),
        new ClusterSecretSpec($"{app}-clusters", Map(("myservice-role", app))),
        new ApplicationSetRef(Some(app), LabelSelector.Everything), UpdateStrategyType.CreateBeforeDelete);

    public static readonly SystemStatus Migrating = SystemStatus.Initial with
    {
        ObservedGeneration = 2,
        Phase = SystemPhase.Migrating,
        Message = "web: step 3/10",
        Progress = "0/1 synced",
        Conditions = Seq1(new Condition("Progressing", "True", "Migrating", "web: step 3/10", DateTimeOffset.Parse("2026-11-24T10:03:00Z"))),
    };

    public static Revision Revision(int number) => new(number, $"hash-{number}", HashMap(
        ("web", new ApplicationRevision(Seq("mysystem-web-1", "mysystem-web-2"),
            Some(ForwardConfig.Of([new TargetGroupWeight("arn:aws:elasticloadbalancing:tg/web-1", 100)]))))));

    public static readonly string JobTemplate =
        """{"spec":{"backoffLimit":0,"template":{"spec":{"containers":[{"name":"smoke","image":"ghcr.io/mumoshu/hotswap-smoke:1.0"}]}}}}""";

    public static readonly Map<string, string> SecretLabels = Map(
        ("argocd.argoproj.io/secret-type", "cluster"), ("app.kubernetes.io/managed-by", "hotswap"), ("hotswap.mumoshu.github.io/system", SystemName));

    public static Map<string, string> SecretData(string name, string server) => Map(("name", name), ("server", server), ("config", """{"awsAuthConfig":{"clusterName":"eks"}}"""));
}
