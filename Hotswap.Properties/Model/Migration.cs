using Hotswap.Core.Observed;
using Hotswap.Core.Safety;
using Hotswap.Core.Spec;

namespace Hotswap.Properties.Model;

/// <summary>
/// A System before (<see cref="V1"/>) and after (<see cref="V2"/>) a cluster swap, with every
/// cluster name either version uses (each is also its EKS cluster's name).
/// </summary>
public sealed record Migration(SystemSpec V1, SystemSpec V2, Seq<string> Clusters)
{
    /// <summary>The outside world before hotswap ran: EKS clusters, ApplicationSets, empty rules.</summary>
    public World Start => Fixtures.WorldFor(Clusters, V1.Applications);

    public SafetyInvariants Invariants => Fixtures.InvariantsFor(Fixtures.System, Clusters);

    public override string ToString() =>
        $"v1: {Describe(V1)}\nv2: {Describe(V2)}";

    private static string Describe(SystemSpec s) =>
        string.Join(" | ", s.Applications.Map(a =>
            $"{a.Name} [{string.Join(",", s.Clusters.Filter(c => c.Labels.Find("role").Exists(r => r == a.Name)).Map(c => c.Name))}] " +
            $"{a.ArgoCd.UpdateStrategy} alb={a.Alb.Match(x => $"{x.TargetGroup.GetType().Name} {x.StepWeight}/{x.TotalWeight}", () => "none")} " +
            $"checks={a.Checks.Count}({string.Join(",", a.Checks.Map(c => c.Analysis.Interval.TotalSeconds))}s) pre={a.Prechecks.Count} post={a.Postchecks.Count}"));
}
