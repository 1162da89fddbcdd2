using Hotswap.Core.Children;

namespace Hotswap.Properties.Model;

/// <summary>
/// A generated scenario, as data (so FsCheck can print it): how checks behave from which step,
/// which Job checks fail, and where the operator crashes.
/// </summary>
/// <param name="Checks">Metric behaviour.</param>
/// <param name="FromStep">The step from which a failing or inconclusive behaviour starts.</param>
/// <param name="FailingJobs">Job check names ("pre", "post") whose Jobs fail.</param>
/// <param name="CrashAfter">Round → commands executed before the crash.</param>
public sealed record ScenarioSpec(CheckBehaviour Checks, int FromStep, Seq<string> FailingJobs, HashMap<int, int> CrashAfter)
{
    public static readonly ScenarioSpec AllPass = new(CheckBehaviour.Pass, 0, Seq<string>(), HashMap<int, int>());

    public Scenario ToScenario() => new(
        (spec, world) => Bad(spec, world) ? Reading : Scenario.AllPass.Reading(spec, world),
        job => FailingJobs.Exists(j => job.Contains($"-{j}-", StringComparison.Ordinal)),
        CrashAfter);

    private MetricReading Reading => Checks == CheckBehaviour.FailFromStep
        ? new MetricReading.Value(1.0)
        : new MetricReading.NoData();

    private bool Bad(CheckObjectSpec spec, Hotswap.Core.Observed.World world) =>
        Checks != CheckBehaviour.Pass
        && world.SystemStatus.Bind(s => s.Application(spec.Application)).Exists(a => a.Step >= FromStep);

    public override string ToString() =>
        $"checks {Checks} from step {FromStep}; failing jobs [{string.Join(",", FailingJobs)}]; " +
        $"crashes [{string.Join(", ", CrashAfter.OrderBy(kv => kv.Key).Select(kv => $"round {kv.Key} after {kv.Value}"))}]";
}
