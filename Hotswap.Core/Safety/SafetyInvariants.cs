using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Safety;

/// <summary>
/// DESIGN.md's safety invariants, checked on one executed command against the world just before
/// it: weights sum to totalWeight and lie in 0..999 on at most 5 target groups; no weight on a
/// cluster that is not a Deployed member; no ALB write before the readiness gate opened (a saved
/// revision and every required cluster ready, or a rollback in progress); CreateBeforeDelete never
/// removes a member before the new ones are Deployed members holding all the weight. Returns the
/// violations in words; empty when the command is safe.
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
        var index = WorldIndex.Of(before);
        var app = spec.Applications.Find(a => a.Name == c.Application);
        var total = app.Bind(a => a.Alb).Map(a => a.TotalWeight).IfNone(-1);
        if (c.Forward.TotalWeight != total) problems.Add($"{c.Application}: weights sum to {c.Forward.TotalWeight}, not {total}");
        if (c.Forward.TargetGroups.Exists(t => t.Weight is < 0 or > 999)) problems.Add($"{c.Application}: weight outside 0..999: {c.Forward}");
        if (c.Forward.TargetGroups.Count > 5) problems.Add($"{c.Application}: {c.Forward.TargetGroups.Count} target groups");
        if (!GateWasOpen(spec, before))
            problems.Add($"{c.Application}: ALB write before the readiness gate opened");
        foreach (var app1 in app)
        {
            foreach (var tg in c.Forward.TargetGroups.Filter(t => t.Weight > 0))
            {
                var owner = ArnOwners.Find(tg.Arn);
                var ok = owner.Exists(o =>
                    before.ClusterSecrets.Find(o).Exists(s => s.Memberships.Contains(app1.ArgoCd.ClusterSecret.Name))
                    && Deployments.IsDeployed(app1.ArgoCd.ApplicationSet, o, index));
                if (!ok) problems.Add($"{c.Application}: weight {tg.Weight} on {tg.Arn}, which is not a Deployed member");
            }
        }
        return problems.ToSeq();
    }

    private static bool GateWasOpen(SystemSpec spec, World before) =>
        before.Revision.IsSome
        && (spec.Clusters.ForAll(c => !c.RequireReady || ReadinessGate.NotReadyReason(spec.Name, c, before).IsNone)
            || before.SystemStatus.Exists(s => s.Applications.Exists(RollingBack)));

    /// <summary>
    /// A failed application can only move by rolling back; its status may still say CheckFailed
    /// when the shell crashed after the first rollback write and before recording Reverting.
    /// </summary>
    private static bool RollingBack(Hotswap.Core.Status.ApplicationStatus a) =>
        a.Phase is Hotswap.Core.Status.ApplicationPhase.Reverting
            or Hotswap.Core.Status.ApplicationPhase.CheckFailed
            or Hotswap.Core.Status.ApplicationPhase.PrecheckFailed;

    /// <summary>CreateBeforeDelete: a member leaves only when every new member is Deployed and the new side has all the weight.</summary>
    private Seq<string> Leave(SystemSpec spec, World before, Command.LeaveMembership c)
    {
        var app = spec.Applications.Find(a => a.ArgoCd.ClusterSecret.Name == c.Set);
        return app.Match(a =>
        {
            if (a.ArgoCd.UpdateStrategy != UpdateStrategyType.CreateBeforeDelete) return Seq<string>();
            if (before.SystemStatus.Exists(s => s.Application(a.Name).Exists(RollingBack)))
                return RevertLeave(a, before, c);
            var desired = spec.Clusters.Filter(k => a.ClusterSelector.Matches(k.Labels)).Map(k => Naming.ClusterSecret(spec.Name, k.Name));
            var problems = new List<string>();
            var index = WorldIndex.Of(before);
            var undeployed = desired.Filter(d => !Deployments.IsDeployed(a.ArgoCd.ApplicationSet, d, index)
                || !before.ClusterSecrets.Find(d).Exists(s => s.Memberships.Contains(c.Set)));
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
            var undeployed = r.Members.Filter(m => !Deployments.IsDeployed(a.ArgoCd.ApplicationSet, m, before)
                || !before.ClusterSecrets.Find(m).Exists(s => s.Memberships.Contains(c.Set)));
            if (!undeployed.IsEmpty) problems.Add($"{a.Name}: {c.Secret} left before saved members {string.Join(", ", undeployed)} were Deployed members again");
            return problems.ToSeq();
        }, () => Seq1($"{a.Name}: {c.Secret} left while rolling back without a saved revision"));
    }
}
