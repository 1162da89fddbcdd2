using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Tests;

/// <summary>What the System says about a spec that failed validation (decided in Core, recorded by the shell).</summary>
public sealed class InvalidSpecStatusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_invalid_spec_fails_the_System_with_every_error_and_a_Degraded_InvalidSpec_condition()
    {
        var errors = Seq(
            new SpecError("interval-not-positive", "spec.applications[0].checks[0].analysis.interval", "interval must be greater than 0"),
            new SpecError("rule-owned-twice", "spec.applications[1].alb", "rule owned twice"));

        var status = FailureReport.InvalidSpec(SystemStatus.Initial, 7, errors, Now);

        Assert.Equal((SystemPhase.Failed, 7L), (status.Phase, status.ObservedGeneration));
        Assert.Contains("interval must be greater than 0", status.Message);
        Assert.Contains("rule owned twice", status.Message);
        var degraded = status.Conditions.Filter(c => c.Type == "Degraded").ToList();
        Assert.Equal(("True", "InvalidSpec"), (Assert.Single(degraded).Status, degraded[0].Reason));
    }
}
