using Hotswap.Core.Children;
using Hotswap.Core.Planning;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Writes each decision's status to its object's status subresource, against the
/// resourceVersion observed. A Check whose RunAnalysis ran gets the reading folded in
/// (<see cref="CheckPlanner.Record"/>). Unchanged statuses are not written, so steady state makes
/// no writes. Objects created during this reconcile get their first status next time.
/// </summary>
public sealed class Recorder(IKubernetesObjects kube, PortCalls calls)
{
    public async Task<Seq<StatusWriteFailure>> RecordAsync(
        string system, SystemPlan plan, Observation observation, Seq<Outcome> outcomes)
    {
        var world = observation.World;
        var failures = new List<StatusWriteFailure>();
        if (!world.SystemStatus.Exists(s => s == plan.System.Status))
            await Try(failures, $"system/{system}", "k8s.UpdateSystemStatus",
                () => kube.UpdateSystemStatusAsync(system, plan.System.Status, observation.SystemVersion));
        foreach (var d in plan.ArgoCDClusters)
            foreach (var o in world.ArgoCDClusters.Find(d.Name).Filter(o => o.Status != d.Decision.Status))
                await Try(failures, $"argocdcluster/{d.Name}", "k8s.UpdateArgoCDClusterStatus",
                    () => kube.ArgoCDClusters.UpdateStatusAsync(d.Name, d.Decision.Status, Version(observation, $"argocdcluster/{d.Name}")));
        foreach (var d in plan.Deployments)
            foreach (var o in world.Deployments.Find(d.Name).Filter(o => o.Status != d.Decision.Status))
                await Try(failures, $"argocdapplicationdeployment/{d.Name}", "k8s.UpdateApplicationDeploymentStatus",
                    () => kube.ApplicationDeployments.UpdateStatusAsync(d.Name, d.Decision.Status, Version(observation, $"argocdapplicationdeployment/{d.Name}")));
        foreach (var d in plan.Checks)
            foreach (var o in world.Checks.Find(d.Name))
            {
                var status = ReadingFor(d.Name, outcomes)
                    .Map(r => CheckPlanner.Record(o.Spec, d.Decision.Status, r, plan.Now))
                    .IfNone(d.Decision.Status);
                if (status != o.Status)
                    await Try(failures, $"check/{d.Name}", "k8s.UpdateCheckStatus",
                        () => kube.Checks.UpdateStatusAsync(d.Name, status, Version(observation, $"check/{d.Name}")));
            }
        return failures.ToSeq();
    }

    private static Option<MetricReading> ReadingFor(string check, Seq<Outcome> outcomes) =>
        outcomes.Filter(o => o.Command is Command.RunAnalysis r && r.Check == check).Bind(o => o.Reading).LastOrNone();

    private static string Version(Observation observation, string key) => observation.Versions.Find(key).IfNone("");

    private async Task Try(List<StatusWriteFailure> failures, string target, string operation, Func<Task> write)
    {
        calls.Write(operation);
        try
        {
            await write();
        }
        catch (PortException e)
        {
            failures.Add(new StatusWriteFailure(target, Some(e.Kind), e.Message));
        }
    }
}
