using Hotswap.Effects;
using Hotswap.Operator.Running;

namespace Hotswap.Operator.Tests.Running;

/// <summary>
/// A command that fails while its planner asks to look again at once must not retry in a tight
/// loop: the end-to-end suite saw an ArgoCDCluster whose secret write was refused reconciled every
/// 2 ms, for ever. After a failure the key waits its back-off (at most <see cref="Controller.QuietRequeue"/>).
/// </summary>
public sealed class FailureRequeueTests
{
    [Fact]
    public async Task A_failing_reconcile_waits_its_back_off_instead_of_spinning_and_is_tried_again_after_it()
    {
        await using var rig = await ControlPlaneRig.StartAsync(failWrites: true);
        rig.Apply(ControlPlaneRig.Example("mysystem-v1.yaml"));
        int SystemReconciles() => rig.Observer.Reconciles.Count(r => r.Key.Kind == ObjectKind.System);

        await WaitForAsync(() => SystemReconciles() > 0);
        await Task.Delay(TimeSpan.FromSeconds(2)); // real time passes; the controller's clock does not
        var frozen = SystemReconciles();

        Assert.True(frozen <= 3, $"{frozen} System reconciles in 2 s while nothing could change: it spins");
        Assert.All(rig.Observer.Reconciles.Where(r => r.Key.Kind == ObjectKind.System), r => Assert.True(r.Report.Failed));
        rig.Time.Advance(Controller.QuietRequeue);
        await WaitForAsync(() => SystemReconciles() > frozen); // tried again once its back-off passed
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the condition never held");
            await Task.Delay(20);
        }
    }
}
