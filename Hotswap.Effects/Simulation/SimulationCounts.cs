namespace Hotswap.Effects.Simulation;

/// <summary>Totals over the migration (the roll-out of the old spec, if any, is not counted).</summary>
/// <param name="Reconciles">Reconciles run.</param>
/// <param name="CommandsByKind">Commands executed successfully, by command type name (SetForwardWeights, JoinMembership, ...).</param>
/// <param name="FailedCommands">Commands that failed and were retried by a later reconcile.</param>
/// <param name="FailedObservations">Reconciles that could not read the world.</param>
/// <param name="FailedStatusWrites">Status writes that failed (409s, mostly).</param>
/// <param name="FaultsInjected">Failures the simulated services injected.</param>
/// <param name="Rollbacks">Times an application started reverting.</param>
/// <param name="Crashes">Operator crashes.</param>
/// <param name="PortCalls">Calls to the ports by operation (elbv2.ModifyRule, k8s.UpdateCheckStatus, ...).</param>
/// <param name="CallRetries">AWS calls retried within the call after throttling or a 5xx (as the SDK does).</param>
/// <param name="ReconcilesByKind">Object reconciles by kind (System, ArgoCDCluster, ArgoCDApplicationDeployment, Check); one pass reconciles the System and each child.</param>
public sealed record SimulationCounts(
    int Reconciles,
    Map<string, int> CommandsByKind,
    int FailedCommands,
    int FailedObservations,
    int FailedStatusWrites,
    int FaultsInjected,
    int Rollbacks,
    int Crashes,
    Map<string, int> PortCalls,
    int CallRetries,
    Map<string, int> ReconcilesByKind = default)
{
    public int Commands(string kind) => CommandsByKind.Find(kind).IfNone(0);
}
