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
        reference.Name.Match(
            name => world.ApplicationSets.Filter(s => s.Name == name),
            () => world.ApplicationSets.Filter(s => reference.Selector.Matches(s.Labels)));

    /// <summary>Why the application is not Deployed on the cluster, or None when it is.</summary>
    public static Option<string> NotDeployedReason(ApplicationSetRef reference, string cluster, World world)
    {
        var sets = Selected(reference, world);
        if (sets.IsEmpty)
            return Some(reference.Name.Match(
                n => $"ApplicationSet {n} not found",
                () => $"no ApplicationSet matches {reference.Selector.FormatLabels()}"));
        return sets
            .Map(set => ApplicationReason(set, cluster, world))
            .Somes()
            .HeadOrNone();
    }

    public static bool IsDeployed(ApplicationSetRef reference, string cluster, World world) =>
        NotDeployedReason(reference, cluster, world).IsNone;

    /// <summary>The Applications ArgoCD will delete when the cluster leaves the set.</summary>
    public static Seq<string> Decommissioned(ApplicationSetRef reference, string cluster, World world)
    {
        var sets = Selected(reference, world).Filter(s => !s.PreserveResourcesOnDeletion).Map(s => s.Name);
        return world.Applications
            .Filter(a => a.DestinationCluster == cluster && sets.Contains(a.ApplicationSet))
            .Map(a => a.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToSeq();
    }

    private static Option<string> ApplicationReason(ApplicationSetState set, string cluster, World world) =>
        world.Applications
            .Find(a => a.ApplicationSet == set.Name && a.DestinationCluster == cluster)
            .Match(
                app => app.IsSyncedAndHealthy ? None : Some($"{app.Name} is {app.Sync}/{app.Health}"),
                () => Some($"ApplicationSet {set.Name} has no Application for {cluster} yet"));
}
