using Hotswap.Core.Observed;
using Hotswap.Core.Planning;

namespace Hotswap.Properties.Model;

/// <summary>
/// "No weight on a cluster that is not a Deployed member", for one executed weight write, with the
/// one exception a single plan cannot avoid: weight left on the side the write moves traffic away
/// from (a degraded old member while shifting forward, a degraded new member while rolling back),
/// and never more than that target group had. Keeping weight on a non-Deployed member of the side
/// the write moves traffic towards is a violation, whether or not its own weight rises.
/// </summary>
public static class WeightSafety
{
    public static Seq<string> Violations(Migration m, Execution.Step s)
    {
        if (s.Command is not Command.SetForwardWeights w) return Seq<string>();
        var spec = m.V2;
        var app = spec.Applications.Find(a => a.Name == w.Application);
        var desired = app.Map(a => spec.Clusters.Filter(k => a.ClusterSelector.Matches(k.Labels))
            .Map(k => Naming.ClusterSecret(spec.Name, k.Name))).IfNone(Seq<string>());
        var observed = s.Before.Rules.Find(w.Rule).Map(r => r.Forward).IfNone(ForwardConfig.Empty);
        bool IsNew(string arn) => m.Invariants.ArnOwners.Find(arn).Exists(o => desired.Contains(o));
        var newBefore = observed.TargetGroups.Filter(t => IsNew(t.Arn)).Sum(t => t.Weight);
        var newAfter = w.Forward.TargetGroups.Filter(t => IsNew(t.Arn)).Sum(t => t.Weight);
        var excused = w.Forward.TargetGroups.Filter(t =>
            t.Weight <= observed.WeightOf(t.Arn) && (IsNew(t.Arn) ? newAfter < newBefore : newAfter > newBefore));
        var judged = w with { Forward = ForwardConfig.Of(w.Forward.TargetGroups.Filter(t => !excused.Contains(t))) };
        return m.Invariants.Check(spec, s.Before, judged, s.After)
            .Filter(p => p.Contains("not a Deployed member", StringComparison.Ordinal))
            .Map(p => $"{p} (observed {observed}, wrote {w.Forward})");
    }
}
