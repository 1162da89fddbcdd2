using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Status;

namespace Hotswap.Properties.Model;

/// <summary>
/// A generated scenario, as data (so FsCheck can print it): how checks behave from which step,
/// which Job checks fail, where the operator crashes, and how slow or unreliable the outside
/// world is.
/// </summary>
/// <param name="Checks">Metric behaviour.</param>
/// <param name="FromStep">The step from which a failing or inconclusive behaviour starts.</param>
/// <param name="FailingJobs">Job check names ("pre", "post") whose Jobs fail.</param>
/// <param name="CrashAfter">Round → commands executed before the crash.</param>
/// <param name="SyncDelay">How long a new Application stays OutOfSync/Progressing before it is Synced and Healthy.</param>
/// <param name="EksDelay">How long the v2 EKS clusters stay CREATING after the swap starts.</param>
/// <param name="DegradeFromStep">From this step, each application's first v2 cluster ("&lt;app&gt;-1-v2") has its Application Degraded.</param>
/// <param name="DegradeFor">For how long; zero: for good.</param>
/// <param name="UpdatingFromStep">From this step, each application's first v2 cluster's EKS is UPDATING.</param>
/// <param name="UpdatingFor">For how long; zero: for good.</param>
/// <param name="FaultsFor">The applications whose clusters the two faults above hit; empty: every one.</param>
public sealed record ScenarioSpec(
    CheckBehaviour Checks,
    int FromStep,
    Seq<string> FailingJobs,
    HashMap<int, int> CrashAfter,
    TimeSpan SyncDelay = default,
    TimeSpan EksDelay = default,
    int DegradeFromStep = 0,
    TimeSpan DegradeFor = default,
    int UpdatingFromStep = 0,
    TimeSpan UpdatingFor = default,
    Seq<string> FaultsFor = default)
{
    public static readonly ScenarioSpec AllPass = new(CheckBehaviour.Pass, 0, Seq<string>(), HashMap<int, int>());

    public Scenario ToScenario() => new(
        (spec, world) => Bad(spec, world) ? Reading : Scenario.AllPass.Reading(spec, world),
        job => FailingJobs.Exists(j => job.Contains($"-{j}-", StringComparison.Ordinal)),
        CrashAfter,
        SyncDelay == default && EksDelay == default && DegradeFromStep == 0 && UpdatingFromStep == 0 ? null : Outside());

    private MetricReading Reading => Checks == CheckBehaviour.FailFromStep
        ? new MetricReading.Value(1.0)
        : new MetricReading.NoData();

    private bool Bad(CheckObjectSpec spec, World world) =>
        Checks != CheckBehaviour.Pass
        && world.SystemStatus.Bind(s => s.Application(spec.Application)).Exists(a => a.Step >= FromStep);

    /// <summary>The outside world's delays and faults. State (when each began) lives in the closure: one per run.</summary>
    private Func<World, DateTimeOffset, World> Outside()
    {
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var degraded = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var updating = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DateTimeOffset? start = null;
        return (w, now) =>
        {
            start ??= now;
            foreach (var a in w.Applications) seen.TryAdd(a.Name, now);
            Latch(degraded, DegradeFromStep, FaultsFor, w, now);
            Latch(updating, UpdatingFromStep, FaultsFor, w, now);
            bool Active(Dictionary<string, DateTimeOffset> since, string cluster, TimeSpan length) =>
                since.TryGetValue(cluster, out var t) && (length == TimeSpan.Zero || now < t + length);
            return w with
            {
                Applications = w.Applications.Map(a =>
                    now < seen[a.Name] + SyncDelay ? a with { Sync = "OutOfSync", Health = "Progressing" }
                    : Active(degraded, Cluster(a.DestinationCluster), DegradeFor) ? a with { Health = "Degraded" }
                    : a).Strict(),
                // The model world keeps what this returns, so a fault that ended is undone here too.
                EksClusters = w.EksClusters.Map(e =>
                    e.Name.EndsWith("-v2", StringComparison.Ordinal) && now < start + EksDelay
                        ? e with { State = EksClusterState.Creating, Endpoint = None, CertificateAuthority = None }
                    : Active(updating, e.Name, UpdatingFor) ? e with { State = EksClusterState.Updating }
                    : e with { State = EksClusterState.Active, Endpoint = Some(Gens.Endpoint(e.Name)), CertificateAuthority = Some("Q0EK") }),
            };
        };
    }

    /// <summary>"sys-web-1-v2" → "web-1-v2": the model names EKS clusters after the System's clusters.</summary>
    private static string Cluster(string secret) => secret.StartsWith(Fixtures.System + "-", StringComparison.Ordinal)
        ? secret[(Fixtures.System.Length + 1)..] : secret;

    /// <summary>Once an application is at step k or later, its first v2 cluster's fault begins (and is remembered).</summary>
    private static void Latch(Dictionary<string, DateTimeOffset> since, int fromStep, Seq<string> only, World w, DateTimeOffset now)
    {
        if (fromStep <= 0) return;
        foreach (var a in w.SystemStatus.Map(s => s.Applications).IfNone(Seq<ApplicationStatus>()))
            if ((only.IsEmpty || only.Contains(a.Name)) && a.Step >= fromStep && a.Phase is ApplicationPhase.Migrating or ApplicationPhase.Completing)
                since.TryAdd($"{a.Name}-1-v2", now);
    }

    public override string ToString() =>
        $"checks {Checks} from step {FromStep}; failing jobs [{string.Join(",", FailingJobs)}]; " +
        $"crashes [{string.Join(", ", CrashAfter.OrderBy(kv => kv.Key).Select(kv => $"round {kv.Key} after {kv.Value}"))}]; " +
        $"sync delay {SyncDelay}; EKS delay {EksDelay}; degraded from step {DegradeFromStep} for {DegradeFor}; " +
        $"UPDATING from step {UpdatingFromStep} for {UpdatingFor}";
}
