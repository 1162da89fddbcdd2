using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Properties.Model;
using Xunit;

namespace Hotswap.Properties;

/// <summary>Reproductions of planner bugs the properties found, fixed in Core; kept as regression tests.</summary>
public sealed class PlannerBugsFixed
{
    /// <summary>
    /// Found by A_failing_check_leads_back_to_the_saved_revision: a check with interval 0 measured
    /// in the same reconcile that shifted to step k (so it saw step k-1's traffic) let step k pass.
    /// </summary>
    [Fact]
    public void A_measurement_taken_at_the_instant_a_step_starts_does_not_pass_the_step()
    {
        var spec = new CheckObjectSpec("sys-web-c0", "sys", "web", "c0", None, "q", None, Some(0.05), TimeSpan.Zero,
            Core.Spec.MetricProvider.Datadog, 0, 3, false, "h");
        var stepStart = Fixtures.Start;
        var status = CheckPlanner.Record(spec, CheckStatus.Initial with { ObservedHash = "h" }, new MetricReading.Value(0.01), stepStart);
        var world = World.Empty with { Checks = HashMap((spec.Name, new CheckObject(spec, status))) };

        var result = CheckGate.Evaluate(Seq1(spec), world, stepStart);

        Assert.IsType<CheckGate.Result.Pending>(result);
    }
}
