using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Operator.Cli;
using LanguageExt;

namespace Hotswap.Operator.Tests;

/// <summary>
/// Which requests the CLI lets through for each recorded phase: abort a moving application,
/// retry a Reverted/Failed/FailedReverting/halted one, promote one Migrating at step 1 or later.
/// </summary>
public sealed class ControlGuardsTests
{
    private static ApplicationStatus App(ApplicationPhase phase, int step = 3) =>
        new("web", phase, "", step, 10, Prelude.None, Prelude.None, "t", Prelude.None);

    private static readonly RollbackPolicy Rollback = RollbackPolicy.Default;
    private static readonly RollbackPolicy Halt = RollbackPolicy.Default with { Mode = RollbackMode.Halt };

    public static TheoryData<ApplicationPhase, bool, bool, bool, bool> Phases => new()
    {
        // phase, abort, retry (Rollback), retry (Halt), promote (step 3)
        { ApplicationPhase.Pending, false, false, false, false },
        { ApplicationPhase.WaitingForClusters, false, false, false, false },
        { ApplicationPhase.Prechecking, true, false, false, false },
        { ApplicationPhase.Migrating, true, false, false, true },
        { ApplicationPhase.Completing, true, false, false, false },
        { ApplicationPhase.Synced, false, false, false, false },
        { ApplicationPhase.PrecheckFailed, false, false, true, false },
        { ApplicationPhase.CheckFailed, false, false, true, false },
        { ApplicationPhase.Reverting, false, false, false, false },
        { ApplicationPhase.Reverted, false, true, true, false },
        { ApplicationPhase.FailedReverting, false, true, true, false },
        { ApplicationPhase.Failed, false, true, true, false },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void Each_phase_lets_through_exactly_these_requests(ApplicationPhase phase, bool abort, bool retry, bool retryHalted, bool promote)
    {
        var a = App(phase);

        Assert.Equal(abort, ControlGuards.Abort("web", a) is null);
        Assert.Equal(retry, ControlGuards.Retry("web", a, Rollback) is null);
        Assert.Equal(retryHalted, ControlGuards.Retry("web", a, Halt) is null);
        Assert.Equal(promote, ControlGuards.Promote("web", a) is null);
    }

    [Fact]
    public void Promote_at_step_0_is_refused_because_no_traffic_has_moved()
    {
        Assert.Equal(
            "web is Migrating at step 0/10: no traffic has moved yet, so there is no check wait to skip (promote applies from step 1)",
            ControlGuards.Promote("web", App(ApplicationPhase.Migrating, step: 0)));
    }

    [Fact]
    public void Without_a_recorded_status_nothing_applies_and_each_says_so()
    {
        Assert.Contains("no recorded status yet", ControlGuards.Abort("web", null));
        Assert.Contains("no recorded status yet", ControlGuards.Retry("web", null, Rollback));
        Assert.Contains("no recorded status yet", ControlGuards.Promote("web", null));
    }

    [Fact]
    public void A_failed_application_that_will_roll_back_is_retried_once_it_is_Reverted()
    {
        Assert.Equal(
            "web failed (CheckFailed) and rolls back per spec.rollback (policy Rollback); retry it once it is Reverted",
            ControlGuards.Retry("web", App(ApplicationPhase.CheckFailed), Rollback));
    }
}
