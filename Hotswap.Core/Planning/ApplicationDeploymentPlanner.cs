using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>
/// ArgoCDApplicationDeployment's reconcile: converge the membership set's labels on the cluster
/// secrets to spec.clusterNames — joins first for CreateBeforeDelete, leaves first for
/// DeleteBeforeCreate — and report which members are Deployed.
/// </summary>
public static class ApplicationDeploymentPlanner
{
    public static Decision<ApplicationDeploymentStatus> Plan(
        ApplicationDeploymentSpec spec, World world, ApplicationDeploymentStatus status, DateTimeOffset now) =>
        Plan(spec, WorldIndex.Of(world), status, now);

    /// <summary>The same decision, with the world's look-ups already built (one index for many objects).</summary>
    public static Decision<ApplicationDeploymentStatus> Plan(
        ApplicationDeploymentSpec spec, WorldIndex index, ApplicationDeploymentStatus status, DateTimeOffset now)
    {
        var world = index.World;
        var set = spec.ClusterSecret;
        var members = index.Members(set.Name);
        var missing = spec.ClusterNames.Filter(n => !world.ClusterSecrets.ContainsKey(n));
        var joins = spec.ClusterNames
            .Choose(n => world.ClusterSecrets.Find(n))
            .Filter(s => !s.Memberships.Contains(set.Name) || !set.Labels.ForAll((k, v) => s.Labels.Find(k).Exists(x => x == v)))
            .Map(s => (Command)new Command.JoinMembership(s.Name, set.Name, set.Labels));
        var leaves = members
            .Filter(m => !spec.ClusterNames.Contains(m))
            .Map(m => (Command)new Command.LeaveMembership(
                m, set.Name, LabelsToRemove(spec, m, world),
                Deployments.Decommissioned(spec.ApplicationSet, m, index)));
        var commands = spec.UpdateStrategy == UpdateStrategyType.DeleteBeforeCreate ? leaves + joins : joins + leaves;
        var deployed = members.Filter(m => Deployments.IsDeployed(spec.ApplicationSet, m, index));
        var (phase, message) =
            !commands.IsEmpty ? ("Updating", $"converging {set.Name} to [{string.Join(", ", spec.ClusterNames)}]")
            : !missing.IsEmpty ? ("Waiting", $"cluster secret(s) {string.Join(", ", missing)} do not exist yet")
            : deployed.Count == members.Count ? ("Deployed", $"{members.Count} member(s), all Deployed")
            : ("Progressing", $"{deployed.Count}/{members.Count} member(s) Deployed");
        var requeue = phase is "Deployed" ? Option<TimeSpan>.None
            : phase is "Updating" ? Some(TimeSpan.Zero) : Some(ApplicationPlanner.Poll);
        return new(commands, new ApplicationDeploymentStatus(phase, message, members, deployed), requeue);
    }

    /// <summary>
    /// The set's labels, less those another set this secret still belongs to puts there too with
    /// the same value (validation forbids different values on one key).
    /// </summary>
    private static Map<string, string> LabelsToRemove(ApplicationDeploymentSpec spec, string secret, World world)
    {
        var memberships = world.ClusterSecrets.Find(secret).Map(s => s.Memberships).IfNone(Set<string>());
        var kept = world.Deployments.Values
            .Filter(d => d.Spec.ClusterSecret.Name != spec.ClusterSecret.Name && memberships.Contains(d.Spec.ClusterSecret.Name))
            .Bind(d => d.Spec.ClusterSecret.Labels.AsEnumerable().ToSeq())
            .ToSeq();
        return spec.ClusterSecret.Labels.Filter((k, v) => !kept.Exists(kv => kv.Key == k && kv.Value == v));
    }
}
