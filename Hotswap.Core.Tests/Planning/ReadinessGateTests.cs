using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Tests.Planning;

/// <summary>
/// The readiness gate reads each cluster's ArgoCDCluster status, which ArgoCDClusterPlanner
/// derives from EKS and the secret; these cases drive both, as the System sees them.
/// </summary>
public sealed class ReadinessGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private const string Endpoint = "https://ABC.gr7.us-east-1.eks.amazonaws.com";

    public static TheoryData<string, string, string, bool> Clusters => new()
    {
        { "ACTIVE with endpoint and CA, secret points at it", "active", "right", true },
        { "secret points at a stale server", "active", "stale", false },
        { "secret not written yet", "active", "none", false },
        { "ACTIVE without endpoint yet", "no-endpoint", "right", false },
        { "ACTIVE without CA yet", "no-ca", "right", false },
        { "EKS still CREATING", "creating", "right", false },
        { "EKS UPDATING", "updating", "right", false },
        { "EKS cluster not found", "missing", "right", false },
    };

    [Theory, MemberData(nameof(Clusters))]
    public void A_cluster_is_ready_only_when_EKS_and_its_secret_agree(string name, string eks, string secret, bool ready)
    {
        var spec = SystemWith(Cluster(requireReady: true, timeout: None));
        var world = WithChildStatus(spec, WorldFor(eks, secret));

        var gate = ReadinessGate.Evaluate(spec, world, None, Now);

        Assert.True(gate.Open == ready, $"{name}: expected open={ready}, got {gate}");
    }

    [Fact]
    public void A_cluster_whose_ArgoCDCluster_was_never_reconciled_is_not_ready()
    {
        var spec = SystemWith(Cluster(requireReady: true, timeout: None));
        var gate = ReadinessGate.Evaluate(spec, WorldFor("active", "right"), None, Now);
        Assert.False(gate.Open);
        Assert.Contains("argocdcluster/sys-c1 not created yet", gate.Message);
    }

    [Fact]
    public void RequireReady_false_skips_the_cluster()
    {
        var spec = SystemWith(Cluster(requireReady: false, timeout: None));
        Assert.True(ReadinessGate.Evaluate(spec, WithChildStatus(spec, WorldFor("creating", "none")), None, Now).Open);
    }

    public static TheoryData<string, int, bool> Timeouts => new()
    {
        { "one second before readyTimeout", 299, false },
        { "exactly at readyTimeout", 300, true },
        { "one second past readyTimeout", 301, true },
    };

    [Theory, MemberData(nameof(Timeouts))]
    public void ReadyTimeout_fires_exactly_at_the_limit(string name, int secondsWaited, bool timedOut)
    {
        var spec = SystemWith(Cluster(requireReady: true, timeout: Some(TimeSpan.FromMinutes(5))));
        var world = WithChildStatus(spec, WorldFor("creating", "none"));

        var gate = ReadinessGate.Evaluate(spec, world, Some(Now), Now.AddSeconds(secondsWaited));

        Assert.False(gate.Open);
        Assert.True(gate.TimedOut == timedOut, $"{name}: expected timedOut={timedOut}, got {gate}");
        if (timedOut) Assert.Contains("c1 not ready within readyTimeout", gate.Message);
    }

    private static ClusterSpec Cluster(bool requireReady, Option<TimeSpan> timeout) =>
        new("c1", new EksSpec("eks-c1", None), requireReady, timeout, Map(("role", "web")));

    private static SystemSpec SystemWith(ClusterSpec cluster) =>
        new("sys", 1, Seq1(cluster), Seq<ApplicationSpec>(), RollbackPolicy.Default);

    private static ArgoCDClusterSpec ChildSpec(SystemSpec spec) =>
        new("sys-c1", "sys", "c1", "eks-c1", None, spec.Clusters[0].RequireReady, spec.Clusters[0].ReadyTimeout, spec.Clusters[0].Labels);

    private static World WorldFor(string eks, string secret)
    {
        var cluster = eks switch
        {
            "active" => Some(new EksCluster("eks-c1", EksClusterState.Active, Some(Endpoint), Some("Q0EK"), None)),
            "no-endpoint" => Some(new EksCluster("eks-c1", EksClusterState.Active, None, Some("Q0EK"), None)),
            "no-ca" => Some(new EksCluster("eks-c1", EksClusterState.Active, Some(Endpoint), None, None)),
            "creating" => Some(new EksCluster("eks-c1", EksClusterState.Creating, None, None, None)),
            "updating" => Some(new EksCluster("eks-c1", EksClusterState.Updating, Some(Endpoint), Some("Q0EK"), None)),
            _ => Option<EksCluster>.None,
        };
        var config = ArgoCDClusterPlanner.Config(new ArgoCDClusterSpec("sys-c1", "sys", "c1", "eks-c1", None, true, None, default), "Q0EK");
        var server = secret == "stale" ? "https://OLD.gr7.us-east-1.eks.amazonaws.com" : Endpoint;
        return World.Empty with
        {
            EksClusters = cluster.Map(c => HashMap((c.Name, c))).IfNone(HashMap<string, EksCluster>()),
            ClusterSecrets = secret == "none"
                ? HashMap<string, ClusterSecret>()
                : HashMap(("sys-c1", new ClusterSecret("sys-c1", server, config, Map(("argocd.argoproj.io/secret-type", "cluster")), Set<string>()))),
        };
    }

    /// <summary>The world as the System reads it: the ArgoCDCluster with the status its own planner derives.</summary>
    private static World WithChildStatus(SystemSpec spec, World world)
    {
        var child = ChildSpec(spec);
        var status = ArgoCDClusterPlanner.Plan(child, world, ArgoCDClusterStatus.Initial, Now).Status;
        return world with { ArgoCDClusters = HashMap((child.Name, new ArgoCDClusterObject(child, status))) };
    }
}
