using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Safety;
using Hotswap.Core.Spec;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// The whole simulated outside world — Kubernetes with ArgoCD and Jobs, EKS, the ALB, metrics —
/// on one simulated clock. It outlives operator crashes; the operator only reaches it through <see cref="Ports"/>.
/// </summary>
public sealed class SimulatedWorld
{
    public SimulatedWorld(SimulationScenario scenario, int seed)
    {
        Scenario = scenario;
        Clock = new SimulatedClock(scenario.Start);
        Faults = new FaultInjection(scenario.Faults, seed);
        Kubernetes = new SimulatedKubernetes(Clock, Faults, scenario.SyncDelay, scenario.JobDuration, JobSucceeds);
        LoadBalancer = new SimulatedLoadBalancer(Faults, scenario.RulesPageSize);
        Eks = new SimulatedEks(Clock, Faults, scenario.EksPageSize);
        Metrics = new SimulatedMetrics(this);
        Events = new SimulatedEvents();
        Ports = new PortSet(Kubernetes, LoadBalancer, Eks, Metrics, Events);
        Kubernetes.ApplicationView = ApplicationAsSeen;
        Kubernetes.Unreachable = (cluster, eks) => scenario.Unreachable.Exists(f => Names(f.Cluster, cluster, eks) && InEffect(f.When, () => 0));
        Eks.Updating = eks => scenario.EksUpdating.Exists(f => Names(f.Cluster, eks, eks) && InEffect(f.When, () => 0));
    }

    private Seq<SystemSpec> seeded = Seq<SystemSpec>();
    private readonly Dictionary<FaultWindow, DateTimeOffset> stepReached = [];

    /// <summary>True when a scenario's cluster name means this cluster (by System cluster name or EKS cluster name).</summary>
    private bool Names(string faultCluster, string cluster, string eksClusterName) =>
        faultCluster == cluster || faultCluster == eksClusterName
        || seeded.Exists(s => s.Clusters.Exists(c => c.Name == faultCluster && (c.Eks.ClusterName == eksClusterName || c.Name == cluster)));

    /// <summary>
    /// Whether a fault window is in effect now: never before the migration starts; from the first
    /// time <paramref name="step"/> reached FromStep and from From after the start (the later of
    /// the two); for For, or for good.
    /// </summary>
    private bool InEffect(FaultWindow when, Func<int> step)
    {
        if (MigrationStartedAt.IsNone) return false;
        var since = MigrationStartedAt.IfNone(Clock.Now) + (when.From ?? TimeSpan.Zero);
        if (when.FromStep is int k)
        {
            if (!stepReached.TryGetValue(when, out var reached))
            {
                if (step() < k) return false;
                stepReached[when] = reached = Clock.Now;
            }
            if (reached > since) since = reached;
        }
        return Clock.Now >= since && (when.For is not { } length || Clock.Now < since + length);
    }

    private readonly System.Collections.Generic.HashSet<ControlAction> controlsDone = [];

    /// <summary>
    /// Does each of the scenario's manual controls whose moment has come, once, on every seeded
    /// System that has the application: the annotation the CLI would write, at the simulated now.
    /// </summary>
    public void ApplyControls()
    {
        foreach (var action in Scenario.Controls.Filter(a => !controlsDone.Contains(a)))
        {
            if (!InEffect(action.When with { For = null }, () => StepOf(action.Application))) continue;
            controlsDone.Add(action);
            foreach (var spec in seeded.Filter(s => s.Applications.Exists(a => a.Name == action.Application)).Map(s => s.Name).Distinct())
                foreach (var (key, value) in ControlAnnotation(spec, action))
                    Kubernetes.AnnotateSystem(spec, key, value);
        }
    }

    /// <summary>
    /// When the next of the scenario's manual controls that waits only for time is due (the
    /// simulation does not stop at a fixed point while a person is still going to act).
    /// </summary>
    public Option<DateTimeOffset> NextControlDue() =>
        MigrationStartedAt.Bind(start => Scenario.Controls
            .Filter(a => !controlsDone.Contains(a) && a.When.FromStep is null)
            .Map(a => start + (a.When.From ?? TimeSpan.Zero))
            .OrderBy(t => t).HeadOrNone());

    private Seq<(string Key, string Value)> ControlAnnotation(string system, ControlAction action)
    {
        var at = Core.Controls.ManualControls.FormatRequest(Clock.Now);
        var paused = Kubernetes.SystemAnnotationsOf(system).Find(Core.Controls.ManualControls.PauseAnnotation)
            .Map(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToSeq())
            .IfNone(Seq<string>());
        return action.Action switch
        {
            "abort" => Seq1((Core.Controls.ManualControls.AbortPrefix + action.Application, at)),
            "retry" => Seq1((Core.Controls.ManualControls.RetryPrefix + action.Application, at)),
            "promote" => Seq1((Core.Controls.ManualControls.PromotePrefix + action.Application,
                Core.Controls.ManualControls.FormatPromote(Some(StepOf(action.Application)), Clock.Now))),
            "promote-full" => Seq1((Core.Controls.ManualControls.PromotePrefix + action.Application,
                Core.Controls.ManualControls.FormatPromote(None, Clock.Now))),
            "pause" => Seq1((Core.Controls.ManualControls.PauseAnnotation, string.Join(",", paused.Add(action.Application).Distinct()))),
            _ => Seq1((Core.Controls.ManualControls.PauseAnnotation, string.Join(",", paused.Filter(p => p != action.Application)))),
        };
    }

    /// <summary>A generated Application as the scenario has it now: unchanged, overridden, or missing.</summary>
    private Option<ArgoApplication> ApplicationAsSeen(ArgoApplication a)
    {
        var faults = Scenario.ApplicationFaults.Filter(f => seeded.Exists(spec =>
            spec.Applications.Exists(app => app.Name == f.Application && app.ArgoCd.ApplicationSet.Name.IfNone(app.Name) == a.ApplicationSet)
            && spec.Clusters.Exists(c => (c.Name == f.Cluster || c.Eks.ClusterName == f.Cluster)
                                         && Naming.ClusterSecret(spec.Name, c.Name) == a.DestinationCluster)));
        var now = faults.Filter(f => InEffect(f.When ?? new FaultWindow(), () => StepOf(f.Application)));
        if (now.Exists(f => f.Missing)) return None;
        return Some(now.Fold(a, (acc, f) => acc with { Health = f.Health ?? acc.Health, Sync = f.Sync ?? acc.Sync }));
    }

    /// <summary>The application's weight step as its System's status records it (0 before any).</summary>
    private int StepOf(string application) =>
        seeded.Choose(s => Kubernetes.SystemStatusOf(s.Name)).Bind(s => s.Application(application).ToSeq()).Map(a => a.Step)
            .LastOrNone().IfNone(0);

    public SimulationScenario Scenario { get; }
    public SimulatedClock Clock { get; }
    public FaultInjection Faults { get; }
    public SimulatedKubernetes Kubernetes { get; }
    public SimulatedLoadBalancer LoadBalancer { get; }
    public SimulatedEks Eks { get; }
    public SimulatedMetrics Metrics { get; }
    public SimulatedEvents Events { get; }
    public PortSet Ports { get; }

    /// <summary>When the migration to the target started; before it, metrics and Jobs are healthy whatever the scenario says.</summary>
    public Option<DateTimeOffset> MigrationStartedAt { get; set; }

    private bool JobSucceeds(string check) =>
        MigrationStartedAt.IsNone || Scenario.JobResults.Find(check).IfNone(true);

    /// <summary>
    /// Seeds what exists before hotswap runs, for every System spec given: the System object, an
    /// EKS cluster per cluster (ACTIVE after its delay), an ApplicationSet per application (named by
    /// argocd.applicationSet.name, or named after the application and labelled to match its
    /// selector) whose cluster generator selects the set's labels, each listener rule with an empty
    /// forward action, and for targetGroupBindingSelector a TargetGroupBinding per matching cluster.
    /// </summary>
    public void Seed(Seq<SystemSpec> specs)
    {
        seeded = seeded + specs;
        foreach (var spec in specs)
        {
            Kubernetes.AddSystem(spec.Name);
            foreach (var c in spec.Clusters)
            {
                var delay = Scenario.EksReadyDelays.Find(c.Eks.ClusterName)
                    .IfNone(() => Scenario.EksReadyDelays.Find(c.Name).IfNone(Scenario.EksReadyDelay));
                var never = Scenario.EksNeverReady.Contains(c.Eks.ClusterName) || Scenario.EksNeverReady.Contains(c.Name);
                Eks.AddCluster(c.Eks.ClusterName, never ? None : Some(Scenario.Start + delay));
            }
            foreach (var app in spec.Applications)
            {
                var set = app.ArgoCd.ApplicationSet;
                Kubernetes.AddApplicationSet(new ApplicationSetState(
                    set.Name.IfNone(app.Name), set.Name.IsSome ? Map<string, string>() : LabelsSatisfying(set.Selector),
                    app.ArgoCd.ClusterSecret.Labels, false));
                foreach (var alb in app.Alb)
                {
                    LoadBalancer.AddRule(alb.ListenerArn, alb.Priority);
                    if (alb.TargetGroup is TargetGroupSource.FromBindingSelector b)
                        foreach (var c in spec.Clusters.Filter(c => app.ClusterSelector.Matches(c.Labels)))
                            Kubernetes.AddTargetGroupBinding(new TargetGroupBinding(
                                c.Name, $"default/{app.Name}", LabelsSatisfying(b.Selector), BindingTargetGroupArn(spec.Name, c.Name, app.Name)));
                }
            }
        }
    }

    /// <summary>
    /// Labels that a seeded object carries so that <paramref name="selector"/> picks it: the
    /// matchLabels, the first value of each In, and "true" for each Exists (NotIn and
    /// DoesNotExist hold for an absent label).
    /// </summary>
    public static Map<string, string> LabelsSatisfying(LabelSelector selector) =>
        selector.MatchExpressions.Fold(selector.MatchLabels, (labels, r) => r.Operator switch
        {
            SelectorOperator.In when !r.Values.IsEmpty => labels.TryAdd(r.Key, r.Values.Head),
            SelectorOperator.Exists => labels.TryAdd(r.Key, "true"),
            _ => labels,
        });

    /// <summary>The target group ARN the seeded TargetGroupBinding of an application in a cluster points at.</summary>
    public static string BindingTargetGroupArn(string system, string cluster, string application) =>
        $"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/{system}-{cluster}-{application}/{Hashing.Of(cluster + "/" + application)}";

    /// <summary>
    /// Each target group ARN → the cluster secret of the cluster it fronts, for the safety
    /// invariants. One shared ARN (targetGroup.arn) belongs to no single cluster and is left out.
    /// </summary>
    public static HashMap<string, string> ArnOwners(Seq<SystemSpec> specs) =>
        specs.Bind(spec => spec.Applications.Bind(app => app.Alb.ToSeq().Bind(alb =>
                spec.Clusters.Filter(c => app.ClusterSelector.Matches(c.Labels)).Choose(c => (alb.TargetGroup switch
                {
                    TargetGroupSource.FromLabel l => c.Labels.Find(l.Key),
                    TargetGroupSource.FromBindingSelector => Some(BindingTargetGroupArn(spec.Name, c.Name, app.Name)),
                    _ => None,
                }).Map(arn => (arn, Naming.ClusterSecret(spec.Name, c.Name)))))))
            .Distinct().ToHashMap();

    /// <summary>The world as it really is, read with faults suspended and without counting against the operator.</summary>
    public async Task<World> SnapshotAsync(SystemSpec spec)
    {
        var enabled = Faults.Enabled;
        Faults.Enabled = false;
        try
        {
            var observed = await new Observer(Ports, new PortCalls()).ObserveAsync(spec);
            return observed.Match(o => o.World, e => throw new InvalidOperationException($"the simulated world failed to read itself: {e}"));
        }
        finally
        {
            Faults.Enabled = enabled;
        }
    }

    /// <summary>The safety invariants for these specs' target groups.</summary>
    public static SafetyInvariants InvariantsFor(Seq<SystemSpec> specs) => new(ArnOwners(specs));
}
