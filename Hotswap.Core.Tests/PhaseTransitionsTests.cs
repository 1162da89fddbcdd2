using Hotswap.Core.Notices;
using Hotswap.Core.Status;

namespace Hotswap.Core.Tests;

/// <summary>Which phase changes start or end a migration or a rollback (<see cref="PhaseTransitions"/>).</summary>
public sealed class PhaseTransitionsTests
{
    [Theory]
    [InlineData(ApplicationPhase.Migrating, ApplicationPhase.Synced, "migration", "succeeded")]
    [InlineData(ApplicationPhase.Completing, ApplicationPhase.Synced, "migration", "succeeded")]
    [InlineData(ApplicationPhase.Synced, ApplicationPhase.WaitingForClusters, "migration", "started")]
    [InlineData(ApplicationPhase.Prechecking, ApplicationPhase.PrecheckFailed, "migration", "failed")]
    [InlineData(ApplicationPhase.CheckFailed, ApplicationPhase.Reverting, "rollback", "started")]
    [InlineData(ApplicationPhase.Reverting, ApplicationPhase.FailedReverting, "rollback", "failed")]
    public void Phase_changes_that_count(ApplicationPhase before, ApplicationPhase after, string counter, string outcome) =>
        Assert.Equal((counter, outcome), PhaseTransitions.Of(before, after));

    [Theory]
    [InlineData(ApplicationPhase.Pending, ApplicationPhase.Synced)]
    [InlineData(ApplicationPhase.Migrating, ApplicationPhase.Migrating)]
    [InlineData(ApplicationPhase.Migrating, ApplicationPhase.Completing)]
    public void Phase_changes_that_do_not(ApplicationPhase before, ApplicationPhase after) =>
        Assert.Null(PhaseTransitions.Of(before, after));
}
