using Hotswap.Core.Children;
using Hotswap.Core.Status;

namespace Hotswap.Core.Planning;

/// <summary>
/// One reconcile of a System and its children, as data: what each object's own planner decided
/// for the same World at the same Now. This is what <c>hotswap plan</c> prints.
/// </summary>
/// <param name="Now">The instant the plan was made for.</param>
/// <param name="System">The System planner's decision.</param>
/// <param name="ArgoCDClusters">Each ArgoCDCluster's decision, by name.</param>
/// <param name="Deployments">Each ArgoCDApplicationDeployment's decision, by name.</param>
/// <param name="Checks">Each Check's decision, by name.</param>
public sealed record SystemPlan(
    DateTimeOffset Now,
    Decision<SystemStatus> System,
    Seq<NamedDecision<ArgoCDClusterStatus>> ArgoCDClusters,
    Seq<NamedDecision<ApplicationDeploymentStatus>> Deployments,
    Seq<NamedDecision<CheckStatus>> Checks)
{
    /// <summary>When to look again: the smallest RequeueAfter over every decision; None when nothing is pending.</summary>
    public Option<TimeSpan> RequeueAfter
    {
        get
        {
            var all = System.RequeueAfter.ToSeq()
                + ArgoCDClusters.Choose(d => d.Decision.RequeueAfter)
                + Deployments.Choose(d => d.Decision.RequeueAfter)
                + Checks.Choose(d => d.Decision.RequeueAfter);
            return all.IsEmpty ? None : Some(all.Min());
        }
    }

    /// <summary>Every command of the plan, System first, then children by kind and name.</summary>
    public Seq<Command> AllCommands =>
        System.Commands
            + ArgoCDClusters.Bind(d => d.Decision.Commands)
            + Deployments.Bind(d => d.Decision.Commands)
            + Checks.Bind(d => d.Decision.Commands);
}
