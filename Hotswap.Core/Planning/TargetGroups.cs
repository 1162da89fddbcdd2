using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Planning;

/// <summary>Where each cluster's target group ARN comes from (alb.forwardConfig.targetGroup).</summary>
public static class TargetGroups
{
    /// <summary>The ARN for one cluster, or why it is not known yet.</summary>
    public static Either<string, string> Resolve(TargetGroupSource source, ClusterSpec cluster, World world) =>
        source switch
        {
            TargetGroupSource.SharedArn s => Right<string, string>(s.Arn),
            TargetGroupSource.FromLabel l => cluster.Labels.Find(l.Key)
                .ToEither($"cluster {cluster.Name} has no label \"{l.Key}\""),
            TargetGroupSource.FromBindingSelector b => FromBindings(b, cluster, world),
            _ => Left<string, string>("unknown target group source"),
        };

    private static Either<string, string> FromBindings(
        TargetGroupSource.FromBindingSelector source, ClusterSpec cluster, World world)
    {
        foreach (var why in world.Unreadable.Find(World.BindingsKey(cluster.Name)))
            return Left<string, string>($"the TargetGroupBindings in cluster {cluster.Name} could not be read: {why}");
        var arns = world.TargetGroupBindings
            .Filter(b => b.Cluster == cluster.Name && source.Selector.Matches(b.Labels))
            .Map(b => b.TargetGroupArn)
            .Distinct()
            .ToSeq();
        return arns.Count switch
        {
            1 => Right<string, string>(arns.Head),
            0 => Left<string, string>(
                $"no TargetGroupBinding matching {source.Selector.Format()} in cluster {cluster.Name} yet"),
            _ => Left<string, string>(
                $"{arns.Count} TargetGroupBindings matching {source.Selector.Format()} in cluster {cluster.Name} " +
                $"point at different target groups ({string.Join(", ", arns)}); narrow the selector"),
        };
    }
}
