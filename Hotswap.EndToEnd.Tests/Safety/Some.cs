namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>Named fixtures for the safety checker's tests: web's canary from two v1 clusters to two v2 ones.</summary>
public static class Some
{
    public const string Rule = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2/9d0bd1a2f3c4e5b6";
    public static string Tg(string name) => $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{name}/0123456789abcdef";
    public static string Secret(string cluster) => $"team-a.mysystem-mycluster-{cluster}";

    public static readonly IReadOnlyDictionary<string, string> WebLabels = new Dictionary<string, string> { ["myservice-role"] = "web" };

    public static ApplicationModel Web { get; } = new(
        "web", Rule, TotalWeight: 100, StepWeight: 10, WebLabels,
        [
            new ClusterModel(Secret("web-1-v1"), Tg("web-1-v1"), Side.Old),
            new ClusterModel(Secret("web-2-v1"), Tg("web-2-v1"), Side.Old),
            new ClusterModel(Secret("web-1-v2"), Tg("web-1-v2"), Side.New),
            new ClusterModel(Secret("web-2-v2"), Tg("web-2-v2"), Side.New),
        ],
        [new TargetGroupWeight(Tg("web-1-v1"), 50), new TargetGroupWeight(Tg("web-2-v1"), 50)]);

    public static HistoryEvent Join(string cluster) =>
        new HistoryEvent.SecretWritten(Secret(cluster), Secret(cluster), WebLabels);

    public static HistoryEvent Leave(string cluster) =>
        new HistoryEvent.SecretWritten(Secret(cluster), Secret(cluster), new Dictionary<string, string> { ["argocd.argoproj.io/secret-type"] = "cluster" });

    public static HistoryEvent Deployed(string cluster) =>
        new HistoryEvent.ApplicationWritten($"web-{Secret(cluster)}", Secret(cluster), SyncedAndHealthy: true);

    /// <summary>v1 weights (old) and v2 weights (new), each split evenly over its two clusters.</summary>
    public static HistoryEvent Step(int newShare)
    {
        var old = 100 - newShare;
        return new HistoryEvent.RuleWritten(Rule,
        [
            new TargetGroupWeight(Tg("web-1-v1"), old - old / 2), new TargetGroupWeight(Tg("web-1-v2"), newShare - newShare / 2),
            new TargetGroupWeight(Tg("web-2-v1"), old / 2), new TargetGroupWeight(Tg("web-2-v2"), newShare / 2),
        ]);
    }

    public static HistoryEvent Forward(params (string Cluster, int? Weight)[] groups) =>
        new HistoryEvent.RuleWritten(Rule, groups.Select(g => new TargetGroupWeight(Tg(g.Cluster), g.Weight)).ToList());

    /// <summary>v1 deployed; v2 joins and deploys; ten steps of 10; all on v2 alone; v1 leaves.</summary>
    public static List<HistoryEvent> Migration() =>
    [
        Join("web-1-v1"), Join("web-2-v1"), Deployed("web-1-v1"), Deployed("web-2-v1"),
        Join("web-1-v2"), Join("web-2-v2"), Deployed("web-1-v2"), Deployed("web-2-v2"),
        .. Enumerable.Range(1, 10).Select(k => Step(k * 10)),
        Forward(("web-1-v2", 50), ("web-2-v2", 50)),
        Leave("web-1-v1"), Leave("web-2-v1"),
    ];
}
