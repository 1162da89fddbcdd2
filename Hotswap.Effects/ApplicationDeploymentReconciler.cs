using Hotswap.Core.Children;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// ArgoCDApplicationDeployment's reconcile: read the cluster secrets, ApplicationSets and
/// Applications, <see cref="ApplicationDeploymentPlanner"/>, join and leave the membership set
/// (stopping at the first failure), record which members are Deployed.
/// </summary>
public sealed class ApplicationDeploymentReconciler
{
    private readonly ChildReconciler<ApplicationDeploymentSpec, ApplicationDeploymentStatus> inner;

    public ApplicationDeploymentReconciler(PortSet ports, Observer observer, Interpreter interpreter, Recorder recorder) =>
        inner = new(ObjectKind.ArgoCDApplicationDeployment, observer.ObserveApplicationDeploymentAsync,
            (c, now) => ApplicationDeploymentPlanner.Plan(c.Object.Spec, c.World, c.Object.Status, now),
            (c, d, _, failure, now) => FailureReport.ApplicationDeployment(d.Status, c.Object.Status, c.Object.Generation, failure, now),
            s => s.System, ports.Kubernetes.ApplicationDeployments, "k8s.UpdateApplicationDeploymentStatus", interpreter, recorder);

    public Task<Reconciled<ApplicationDeploymentStatus>> ReconcileAsync(
        string name, DateTimeOffset now, ExecutionHooks? hooks = null, CancellationToken cancellation = default) =>
        inner.ReconcileAsync(name, now, hooks, cancellation);
}
