using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>
/// "Deployed": for every ApplicationSet the application selects, an Application exists for the
/// member cluster and is Synced and Healthy.
/// </summary>
public static class Deployments
{
    /// <summary>ApplicationSets chosen by argocd.applicationSet.name or .selector.</summary>
    public static Seq<ApplicationSetState> Selected(ApplicationSetRef reference, World world) =>
        WorldIndex.Of(world).Selected(reference);

    /// <summary>Why the application is not Deployed on the cluster, or None when it is.</summary>
    public static Option<string> NotDeployedReason(ApplicationSetRef reference, string cluster, World world) =>
        NotDeployedReason(reference, cluster, WorldIndex.Of(world));

    /// <summary>Why the application is not Deployed on the cluster, or None when it is.</summary>
    public static Option<string> NotDeployedReason(ApplicationSetRef reference, string cluster, WorldIndex index)
    {
        var sets = index.Selected(reference);
        if (sets.IsEmpty)
            return Some(reference.Name.Match(
                n => $"ApplicationSet {n} not found",
                () => $"no ApplicationSet matches {reference.Selector.Format()}"));
        foreach (var set in sets)
        {
            var reason = ApplicationReason(set, cluster, index);
            if (reason.IsSome) return reason;
        }
        return None;
    }

    public static bool IsDeployed(ApplicationSetRef reference, string cluster, World world) =>
        NotDeployedReason(reference, cluster, world).IsNone;

    public static bool IsDeployed(ApplicationSetRef reference, string cluster, WorldIndex index) =>
        NotDeployedReason(reference, cluster, index).IsNone;

    /// <summary>The Applications ArgoCD will delete when the cluster leaves the set.</summary>
    public static Seq<string> Decommissioned(ApplicationSetRef reference, string cluster, World world) =>
        Decommissioned(reference, cluster, WorldIndex.Of(world));

    /// <summary>The Applications ArgoCD will delete when the cluster leaves the set.</summary>
    public static Seq<string> Decommissioned(ApplicationSetRef reference, string cluster, WorldIndex index)
    {
        var sets = index.Selected(reference).Filter(s => !s.PreserveResourcesOnDeletion).Map(s => s.Name);
        return index.ApplicationsOn(cluster).Filter(a => sets.Contains(a.ApplicationSet)).Map(a => a.Name);
    }

    private static Option<string> ApplicationReason(ApplicationSetState set, string cluster, WorldIndex index) =>
        index.Application(set.Name, cluster)
            .Match(
                app => app.IsSyncedAndHealthy ? None : Some($"{app.Name} is {app.Sync}/{app.Health}"),
                () => Some($"ApplicationSet {set.Name} has no Application for {cluster} yet"));
}
