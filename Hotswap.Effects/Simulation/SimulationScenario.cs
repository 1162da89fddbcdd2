namespace Hotswap.Effects.Simulation;

/// <summary>
/// How the simulated world behaves. Every field has a healthy default: clusters become ACTIVE after
/// 30s, ArgoCD syncs in 20s, Jobs succeed in 10s, every metric reads 0, nothing fails.
/// </summary>
public sealed record SimulationScenario
{
    public static readonly SimulationScenario Default = new();

    /// <summary>When the simulation starts (simulated time).</summary>
    public DateTimeOffset Start { get; init; } = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long after the start an EKS cluster becomes ACTIVE with endpoint and CA.</summary>
    public TimeSpan EksReadyDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Per-cluster overrides of <see cref="EksReadyDelay"/>, by EKS cluster name or the System's cluster name.</summary>
    public Map<string, TimeSpan> EksReadyDelays { get; init; } = Map<string, TimeSpan>();

    /// <summary>EKS clusters that never become ACTIVE (stay CREATING).</summary>
    public Set<string> EksNeverReady { get; init; } = Set<string>();

    /// <summary>How long ArgoCD takes to turn a generated Application Synced and Healthy.</summary>
    public TimeSpan SyncDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Generated Applications that turn Degraded, OutOfSync or missing; see <see cref="ApplicationFault"/>.</summary>
    public Seq<ApplicationFault> ApplicationFaults { get; init; } = Seq<ApplicationFault>();

    /// <summary>EKS clusters that go UPDATING for a while (endpoint and CA kept, as EKS does).</summary>
    public Seq<ClusterFault> EksUpdating { get; init; } = Seq<ClusterFault>();

    /// <summary>Workload clusters whose Kubernetes API cannot be reached for a while.</summary>
    public Seq<ClusterFault> Unreachable { get; init; } = Seq<ClusterFault>();

    /// <summary>How long a precheck/postcheck Job runs.</summary>
    public TimeSpan JobDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Job results by check name: false fails it (exit code 1). Missing names succeed.</summary>
    public Map<string, bool> JobResults { get; init; } = Map<string, bool>();

    /// <summary>What check queries return; see <see cref="MetricBehaviour"/>.</summary>
    public Seq<MetricBehaviour> Metrics { get; init; } = Seq<MetricBehaviour>();

    /// <summary>The value every check reads when no behaviour applies.</summary>
    public double DefaultMetricValue { get; init; }

    /// <summary>A person's manual controls (abort, pause, promote, …) during the migration, each done once.</summary>
    public Seq<ControlAction> Controls { get; init; } = Seq<ControlAction>();

    /// <summary>Injected failures of the AWS and Kubernetes APIs.</summary>
    public FaultRates Faults { get; init; } = FaultRates.None;

    /// <summary>
    /// The operator crashes right after executing this many commands in total (counted over the
    /// migration), e.g. [5, 20, 40]; it restarts with nothing in memory, the world persists.
    /// </summary>
    public Seq<int> CrashAfterCommands { get; init; } = Seq<int>();

    /// <summary>Reconciles before the simulation gives up and reports non-convergence.</summary>
    public int MaxRounds { get; init; } = 100_000;

    /// <summary>Page sizes of the simulated list calls (small to exercise pagination).</summary>
    public int EksPageSize { get; init; } = 2;

    /// <summary>Rules per DescribeRules page.</summary>
    public int RulesPageSize { get; init; } = 20;
}
