using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Safety;

/// <summary>
/// DESIGN.md's safety invariants, checked on one executed command against the world just before
/// it: weights sum to totalWeight and lie in 0..999 on at most 5 target groups; no weight on a
/// cluster that is not a Deployed member; no ALB write before the readiness gate opened (a saved
/// revision and every required cluster ready — once an application has shifted, every required
/// cluster it uses — or a rollback in progress); CreateBeforeDelete never removes a member before
/// the new ones are Deployed members holding all the weight. Returns the violations in words;
/// empty when the command is safe.
/// <para>The checker derives "Deployed" and "ready" itself, from the raw ArgoCD, EKS and secret
/// objects, and shares no code with the planners it checks (not <see cref="Deployments"/>, not
/// <see cref="ReadinessGate"/>, not the children's statuses): a bug in one is not also in the other.</para>
/// </summary>
/// <param name="ArnOwners">Each target group ARN → the cluster secret whose cluster it fronts.</param>
public sealed record SafetyInvariants(HashMap<string, string> ArnOwners)
{
    public Seq<string> Check(SystemSpec spec, World before, Command command, World after) => command switch
    {
        Command.SetForwardWeights c => Weights(spec, before, c),
        Command.LeaveMembership c => Leave(spec, before, c),
        _ => Seq<string>(),
    };

    private Seq<string> Weights(SystemSpec spec, World before, Command.SetForwardWeights c)
    {
        var problems = new List<string>();
        var app = spec.Applications.Find(a => a.Name == c.Application);
        var total = app.Bind(a => a.Alb).Map(a => a.TotalWeight).IfNone(-1);
        if (c.Forward.TotalWeight != total) problems.Add($"{c.Application}: weights sum to {c.Forward.TotalWeight}, not {total}");
        if (c.Forward.TargetGroups.Exists(t => t.Weight is < 0 or > 999)) problems.Add($"{c.Application}: weight outside 0..999: {c.Forward}");
        if (c.Forward.TargetGroups.Count > 5) problems.Add($"{c.Application}: {c.Forward.TargetGroups.Count} target groups");
        if (!GateWasOpen(spec, before, c.Application))
            problems.Add($"{c.Application}: ALB write before the readiness gate opened");
        foreach (var a in app)
            foreach (var tg in c.Forward.TargetGroups.Filter(t => t.Weight > 0))
            {
                var ok = ArnOwners.Find(tg.Arn).Exists(o => IsMember(a, o, before) && IsDeployed(a, o, before));
                if (!ok) problems.Add($"{c.Application}: weight {tg.Weight} on {tg.Arn}, which is not a Deployed member");
            }
        return problems.ToSeq();
    }

    private static bool GateWasOpen(SystemSpec spec, World before, string application)
    {
        if (before.Revision.IsNone) return false;
        if (before.SystemStatus.Exists(s => s.Applications.Exists(RollingBack))) return true;
        if (spec.Clusters.ForAll(c => !c.RequireReady || IsReady(spec, c, before))) return true;
        // Once an application has shifted, only the clusters it uses must be ready.
        var shifted = before.SystemStatus.Exists(s => s.Application(application).Exists(a =>
            a.Step >= 1 && a.Phase is ApplicationPhase.Migrating or ApplicationPhase.Completing or ApplicationPhase.Prechecking));
        return shifted && spec.Applications.Find(a => a.Name == application).Exists(a =>
            spec.Clusters.Filter(c => c.RequireReady && Uses(spec, a, c, before)).ForAll(c => IsReady(spec, c, before)));
    }

    private static bool Uses(SystemSpec spec, ApplicationSpec a, ClusterSpec c, World w) =>
        a.ClusterSelector.Matches(c.Labels) || IsMember(a, Secret(spec, c), w);

    /// <summary>EKS ACTIVE with endpoint and CA, and the cluster's secret pointing at that endpoint.</summary>
    private static bool IsReady(SystemSpec spec, ClusterSpec c, World w) =>
        w.EksClusters.Find(c.Eks.ClusterName).Exists(e =>
            e.State == EksClusterState.Active && e.CertificateAuthority.IsSome
            && e.Endpoint.Exists(endpoint => w.ClusterSecrets.Find(Secret(spec, c)).Exists(s => s.Server == endpoint)));

    private static string Secret(SystemSpec spec, ClusterSpec c) => spec.Name + "-" + c.Name;

    private static bool IsMember(ApplicationSpec a, string secret, World w) =>
        w.ClusterSecrets.Find(secret).Exists(s => s.Memberships.Contains(a.ArgoCd.ClusterSecret.Name));

    /// <summary>Every ApplicationSet the application selects has a Synced and Healthy Application for the cluster.</summary>
    private static bool IsDeployed(ApplicationSpec a, string secret, World w)
    {
        var reference = a.ArgoCd.ApplicationSet;
        var sets = w.ApplicationSets.Filter(s => reference.Name.Match(n => s.Name == n, () => reference.Selector.Matches(s.Labels)));
        return !sets.IsEmpty && sets.ForAll(set => w.Applications.Exists(x =>
            x.ApplicationSet == set.Name && x.DestinationCluster == secret && x.Sync == "Synced" && x.Health == "Healthy"));
    }

    /// <summary>
    /// A failed application can only move by rolling back; its status may still say CheckFailed
    /// when the shell crashed after the first rollback write and before recording Reverting.
    /// </summary>
    private static bool RollingBack(ApplicationStatus a) =>
        a.Phase is ApplicationPhase.Reverting or ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed;

    /// <summary>CreateBeforeDelete: a member leaves only when every new member is Deployed and the new side has all the weight.</summary>
    private Seq<string> Leave(SystemSpec spec, World before, Command.LeaveMembership c)
    {
        var app = spec.Applications.Find(a => a.ArgoCd.ClusterSecret.Name == c.Set);
        return app.Match(a =>
        {
            if (a.ArgoCd.UpdateStrategy != UpdateStrategyType.CreateBeforeDelete) return Seq<string>();
            if (before.SystemStatus.Exists(s => s.Application(a.Name).Exists(RollingBack)))
                return RevertLeave(a, before, c);
            var desired = spec.Clusters.Filter(k => a.ClusterSelector.Matches(k.Labels)).Map(k => Secret(spec, k));
            var problems = new List<string>();
            var undeployed = desired.Filter(d => !IsDeployed(a, d, before) || !IsMember(a, d, before));
            if (!undeployed.IsEmpty) problems.Add($"{a.Name}: {c.Secret} left before {string.Join(", ", undeployed)} were Deployed members");
            foreach (var alb in a.Alb.Filter(x => x.TargetGroup is not TargetGroupSource.SharedArn))
            {
                var forward = before.Rules.Find(new RuleKey(alb.ListenerArn, alb.Priority)).Map(r => r.Forward).IfNone(ForwardConfig.Empty);
                var onNew = forward.TargetGroups.Filter(t => ArnOwners.Find(t.Arn).Exists(o => desired.Contains(o))).Sum(t => t.Weight);
                if (onNew != alb.TotalWeight) problems.Add($"{a.Name}: {c.Secret} left with only {onNew}/{alb.TotalWeight} on the new side");
            }
            return problems.ToSeq();
        }, () => Seq<string>());
    }

    /// <summary>
    /// Rolling back, the safety order reversed: a member leaves only when it is not in the saved
    /// revision and every saved member is a Deployed member again.
    /// </summary>
    private static Seq<string> RevertLeave(ApplicationSpec a, World before, Command.LeaveMembership c)
    {
        var saved = before.Revision.Bind(r => r.Applications.Find(a.Name));
        return saved.Match(r =>
        {
            var problems = new List<string>();
            if (r.Members.Contains(c.Secret)) problems.Add($"{a.Name}: {c.Secret} left while rolling back to a revision that has it");
            var undeployed = r.Members.Filter(m => !IsDeployed(a, m, before) || !IsMember(a, m, before));
            if (!undeployed.IsEmpty) problems.Add($"{a.Name}: {c.Secret} left before saved members {string.Join(", ", undeployed)} were Deployed members again");
            return problems.ToSeq();
        }, () => Seq1($"{a.Name}: {c.Secret} left while rolling back without a saved revision"));
    }
}
