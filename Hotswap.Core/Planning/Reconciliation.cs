using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Core.Validation;

namespace Hotswap.Core.Planning;

/// <summary>
/// One reconcile of a System and all its children over one World at one Now: each object's own
/// planner, in a stable order. The operator runs the same planners per object; <c>plan</c> and the
/// simulation run them all at once.
/// </summary>
public static class Reconciliation
{
    /// <summary>
    /// Validates the spec first: an invalid System yields its errors and no plan (so no command
    /// runs), never an exception. What the operator and the simulation call. A System being
    /// deleted is not validated: its decision is the finalizer's (delete its ArgoCD cluster
    /// secrets, then let it go), which reads no spec field but the name, so an invalid System can
    /// still be deleted.
    /// </summary>
    public static Validation<SpecError, SystemPlan> PlanValidated(SystemSpec spec, World world, DateTimeOffset now) =>
        world.Lifecycle.Exists(l => l.IsBeingDeleted)
            ? Validation<SpecError, SystemPlan>.Success(Plan(spec, world, now))
            : SystemValidation.Validate(spec).Map(valid => Plan(valid, world, now));

    /// <summary>
    /// Plans a spec already known to be valid (see <see cref="PlanValidated"/>). A child whose spec
    /// the System rewrites or deletes in this reconcile is not planned in it: its own reconciler
    /// acts on the next pass, after reading the new spec, as a separate controller would. Planning
    /// it from the spec being replaced could, for instance, remove a member the System has just
    /// put back for a rollback.
    /// </summary>
    public static SystemPlan Plan(SystemSpec spec, World world, DateTimeOffset now)
    {
        var index = WorldIndex.Of(world);
        var clusters = world.ArgoCDClusters.Values.OrderBy(o => o.Spec.Name, StringComparer.Ordinal)
            .Map(o => new NamedDecision<Children.ArgoCDClusterStatus>(o.Spec.Name, ArgoCDClusterPlanner.Plan(o.Spec, world, o.Status, now)))
            .ToSeq().Strict();
        var deployments = world.Deployments.Values.OrderBy(o => o.Spec.Name, StringComparer.Ordinal)
            .Map(o => new NamedDecision<Children.ApplicationDeploymentStatus>(o.Spec.Name, ApplicationDeploymentPlanner.Plan(o.Spec, index, o.Status, now)))
            .ToSeq().Strict();
        // The System reads its children's status (ready, Deployed) as their own planners derive it
        // from this same snapshot, as if each child had just reconciled.
        var read = world with
        {
            ArgoCDClusters = clusters.Fold(world.ArgoCDClusters, (acc, d) =>
                acc.SetItem(d.Name, acc[d.Name] with { Status = d.Decision.Status })),
            Deployments = deployments.Fold(world.Deployments, (acc, d) =>
                acc.SetItem(d.Name, acc[d.Name] with { Status = d.Decision.Status })),
        };
        var system = SystemPlanner.Plan(spec, index.WithChildren(read), world.SystemStatus.IfNone(SystemStatus.Initial), now);
        var rewritten = system.Commands.Choose(Rewrites).ToHashSet();
        return new(now,
            system,
            clusters.Filter(d => !rewritten.Contains(d.Name)),
            deployments.Filter(d => !rewritten.Contains(d.Name)),
            world.Checks.Values.Filter(o => !rewritten.Contains(o.Spec.Name)).OrderBy(o => o.Spec.Name, StringComparer.Ordinal)
                .Map(o => new NamedDecision<Children.CheckStatus>(o.Spec.Name, CheckPlanner.Plan(o.Spec, o.Status, now)))
                .ToSeq().Strict());
    }

    /// <summary>The child object a System command writes, if it writes one.</summary>
    private static Option<string> Rewrites(Command command) => command switch
    {
        Command.ApplyArgoCDCluster c => Some(c.Spec.Name),
        Command.DeleteArgoCDCluster c => Some(c.Name),
        Command.ApplyApplicationDeployment c => Some(c.Spec.Name),
        Command.ApplyCheck c => Some(c.Spec.Name),
        Command.DeleteCheck c => Some(c.Name),
        _ => None,
    };
}
