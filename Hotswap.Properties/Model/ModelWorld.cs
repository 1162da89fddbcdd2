using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;

namespace Hotswap.Properties.Model;

/// <summary>
/// A pure, in-memory stand-in for Kubernetes, ArgoCD, EKS, the ALB and the metric providers:
/// applies commands to a World and plays the outside world's reactions.
/// </summary>
public static class ModelWorld
{
    public static World Apply(World w, Command command, Scenario scenario, DateTimeOffset now) => command switch
    {
        Command.SaveRevision c => w with { Revision = c.Revision },
        Command.ApplyArgoCDCluster c => w with
        {
            ArgoCDClusters = w.ArgoCDClusters.AddOrUpdate(c.Spec.Name,
                new ArgoCDClusterObject(c.Spec, w.ArgoCDClusters.Find(c.Spec.Name).Map(o => o.Status).IfNone(ArgoCDClusterStatus.Initial))),
        },
        // As in Kubernetes: the secret is in the ArgoCD namespace, which the ArgoCDCluster's
        // ownerReference cannot reach, so it goes only by its own delete.
        Command.DeleteArgoCDCluster c => w with { ArgoCDClusters = w.ArgoCDClusters.Remove(c.Name) },
        Command.DeleteClusterSecret c => w with { ClusterSecrets = w.ClusterSecrets.Remove(c.Name) },
        Command.ApplyApplicationDeployment c => w with
        {
            Deployments = w.Deployments.AddOrUpdate(c.Spec.Name,
                new ApplicationDeploymentObject(c.Spec, w.Deployments.Find(c.Spec.Name).Map(o => o.Status).IfNone(ApplicationDeploymentStatus.Initial))),
        },
        Command.ApplyCheck c => w with
        {
            Checks = w.Checks.AddOrUpdate(c.Spec.Name,
                new CheckObject(c.Spec, w.Checks.Find(c.Spec.Name).Map(o => o.Status).IfNone(CheckStatus.Initial))),
        },
        Command.DeleteCheck c => w with { Checks = w.Checks.Remove(c.Name) },
        Command.SetForwardWeights c => w with
        {
            Rules = w.Rules.AddOrUpdate(c.Rule, w.Rules.Find(c.Rule).Map(r => r with { Forward = c.Forward })
                .IfNone(new ListenerRule(c.Rule, $"rule-{c.Rule.Priority}", c.Forward))),
        },
        Command.CreateJob c => w.Jobs.ContainsKey(c.Name) ? w : w with
        {
            Jobs = w.Jobs.Add(c.Name, new JobState(c.Name, JobPhase.Running, "", c.Application, Some(now))),
        },
        Command.DeleteJob c => w with { Jobs = w.Jobs.Remove(c.Name) },
        Command.WriteClusterSecret c => w with
        {
            ClusterSecrets = w.ClusterSecrets.AddOrUpdate(c.Name, w.ClusterSecrets.Find(c.Name)
                .Map(s => s with { Server = c.Server, Config = c.Config })
                .IfNone(new ClusterSecret(c.Name, c.Server, c.Config,
                    Map(("argocd.argoproj.io/secret-type", "cluster")), Set<string>()))),
        },
        Command.JoinMembership c => UpdateSecret(w, c.Secret, s => s with
        {
            Labels = c.Labels.Fold(s.Labels, (acc, k, v) => acc.AddOrUpdate(k, v)),
            Memberships = s.Memberships.TryAdd(c.Set),
        }),
        Command.LeaveMembership c => UpdateSecret(w, c.Secret, s => s with
        {
            Labels = c.Labels.Fold(s.Labels, (acc, k, _) => acc.Remove(k)),
            Memberships = s.Memberships.Remove(c.Set),
        }),
        Command.RunAnalysis c => w.Checks.Find(c.Check).Match(
            o => w with
            {
                Checks = w.Checks.SetItem(c.Check,
                    o with { Status = CheckPlanner.Record(o.Spec, o.Status, scenario.Reading(o.Spec, w), now) }),
            },
            () => w),
        _ => throw new InvalidOperationException($"the model does not know {command.GetType().Name}"),
    };

    private static World UpdateSecret(World w, string name, Func<ClusterSecret, ClusterSecret> f) =>
        w with { ClusterSecrets = w.ClusterSecrets.Find(name).Match(s => w.ClusterSecrets.SetItem(name, f(s)), () => w.ClusterSecrets) };

    /// <summary>What the outside world does between reconciles: ArgoCD generates and deletes Applications, Jobs finish.</summary>
    public static World React(World w, Scenario scenario, DateTimeOffset now)
    {
        var wanted = w.ApplicationSets.Bind(set => w.ClusterSecrets.Values
                .Filter(s => set.ClusterSelector.Matches(s.Labels))
                .Map(s => new ArgoApplication($"{set.Name}-{s.Name}", set.Name, s.Name, "Synced", "Healthy")))
            .OrderBy(a => a.Name, StringComparer.Ordinal).ToSeq().Strict();
        var jobs = w.Jobs.Map(j => j.Phase == JobPhase.Running
            ? j with
            {
                Phase = scenario.JobFails(j.Name) ? JobPhase.Failed : JobPhase.Succeeded,
                Message = scenario.JobFails(j.Name) ? "exit code 1" : "",
            }
            : j);
        var reacted = w with { Applications = wanted, Jobs = jobs };
        return scenario.Outside is { } outside ? outside(reacted, now) : reacted;
    }

    /// <summary>Writes every decision's status, as the shell does after executing the commands.</summary>
    public static World Record(World w, SystemPlan plan) => w with
    {
        SystemStatus = Some(plan.System.Status),
        ArgoCDClusters = plan.ArgoCDClusters.Fold(w.ArgoCDClusters, (acc, d) =>
            acc.Find(d.Name).Match(o => acc.SetItem(d.Name, o with { Status = d.Decision.Status }), () => acc)),
        Deployments = plan.Deployments.Fold(w.Deployments, (acc, d) =>
            acc.Find(d.Name).Match(o => acc.SetItem(d.Name, o with { Status = d.Decision.Status }), () => acc)),
        Checks = plan.Checks.Fold(w.Checks, (acc, d) =>
            acc.Find(d.Name).Match(o => acc.SetItem(d.Name, o with { Status = MergeCheck(o.Status, d.Decision.Status) }), () => acc)),
    };

    // A RunAnalysis executed in this round already recorded a newer result for the same analysis;
    // keep it (with the planner's bookkeeping of when the check became active).
    private static CheckStatus MergeCheck(CheckStatus current, CheckStatus planned) =>
        current.ObservedHash == planned.ObservedHash && current.LastRunTime.Exists(t => planned.LastRunTime.ForAll(p => t > p))
            ? current with { ActiveSince = planned.ActiveSince }
            : planned;
}
