using System.Text.RegularExpressions;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Validation;

public static partial class SystemValidation
{
    /// <summary>ELBv2 allows at most this many target groups in one forward action.</summary>
    public const int MaxTargetGroupsPerForward = 5;

    /// <summary>ELBv2 forward weights are 0..999.</summary>
    public const int MaxWeight = 999;

    static readonly Regex TargetGroupArn = new(
        @"^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$",
        RegexOptions.CultureInvariant);

    static readonly Regex ListenerArn = new(
        @"^arn:aws[-a-z]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[A-Za-z0-9-]{1,32}/[0-9a-f]+/[0-9a-f]+$",
        RegexOptions.CultureInvariant);

    public static bool IsTargetGroupArn(string arn) => TargetGroupArn.IsMatch(arn);

    public static bool IsListenerArn(string arn) => ListenerArn.IsMatch(arn);

    /// <summary>One shared target group cannot be weighted against itself: one cluster per side only.</summary>
    public static Validation<SpecError, Unit> SharedTargetGroupServesOneCluster(SystemSpec spec) =>
        Report(AlbApps(spec)
            .Where(a => a.Alb.TargetGroup is TargetGroupSource.SharedArn && Matched(spec, a.App).Count > 1)
            .Select(a => new SpecError("shared-arn-needs-one-cluster", $"{a.Path}.alb.forwardConfig.targetGroup.arn",
                $"application \"{a.App.Name}\": alb.forwardConfig.targetGroup.arn cannot be used when clusterSelector matches {Matched(spec, a.App).Count} clusters ({Names(Matched(spec, a.App))}); use arnFromLabel or targetGroupBindingSelector")));

    /// <summary>With arnFromLabel every matched cluster must carry the label, holding a target group ARN.</summary>
    public static Validation<SpecError, Unit> TargetGroupLabelsHoldArns(SystemSpec spec) =>
        Report(AlbApps(spec)
            .SelectMany(a => a.Alb.TargetGroup is TargetGroupSource.FromLabel(var key)
                ? Matched(spec, a.App).SelectMany(c => LabelArnErrors(spec, a.App, a.Path, key, c))
                : []));

    static IEnumerable<SpecError> LabelArnErrors(SystemSpec spec, ApplicationSpec app, string path, string key, ClusterSpec cluster)
    {
        var clusterPath = $"spec.clusters[{spec.Clusters.ToList().IndexOf(cluster)}].labels";
        var value = cluster.Labels.Find(key);
        if (value.IsNone)
            return [new SpecError("missing-target-group-label", $"{path}.alb.forwardConfig.targetGroup.arnFromLabel",
                $"application \"{app.Name}\": arnFromLabel \"{key}\" but cluster \"{cluster.Name}\" has no label \"{key}\"")];
        var arn = value.IfNone("");
        return IsTargetGroupArn(arn) ? [] : [new SpecError("invalid-arn", clusterPath,
            $"cluster \"{cluster.Name}\": label \"{key}\" (arnFromLabel of application \"{app.Name}\") is \"{arn}\", not a target group ARN like arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067")];
    }

    public static Validation<SpecError, Unit> ArnsAreWellFormed(SystemSpec spec) =>
        Report(AlbApps(spec).SelectMany(a =>
        {
            var errors = new List<SpecError>();
            if (!IsListenerArn(a.Alb.ListenerArn))
                errors.Add(new("invalid-arn", $"{a.Path}.alb.listenerARN",
                    $"application \"{a.App.Name}\": listenerARN \"{a.Alb.ListenerArn}\" is not an ALB listener ARN like arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/my-alb/50dc6c495c0c9188/f2f7dc8efc522ab2"));
            if (a.Alb.TargetGroup is TargetGroupSource.SharedArn(var arn) && !IsTargetGroupArn(arn))
                errors.Add(new("invalid-arn", $"{a.Path}.alb.forwardConfig.targetGroup.arn",
                    $"application \"{a.App.Name}\": \"{arn}\" is not a target group ARN like arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067"));
            return errors;
        }));

    /// <summary>Removing old members before adding new ones would drop the traffic the ALB still sends them.</summary>
    public static Validation<SpecError, Unit> DeleteBeforeCreateHasNoAlb(SystemSpec spec) =>
        Report(AlbApps(spec)
            .Where(a => a.App.ArgoCd.UpdateStrategy == UpdateStrategyType.DeleteBeforeCreate)
            .Select(a => new SpecError("delete-before-create-with-alb", $"{a.Path}.argocd.updateStrategy.type",
                $"application \"{a.App.Name}\": updateStrategy DeleteBeforeCreate cannot be used with alb (traffic would reach removed clusters); use CreateBeforeDelete or remove alb")));

    /// <summary>totalWeight in 1..999 (an ELBv2 weight); stepWeight in 1..totalWeight.</summary>
    public static Validation<SpecError, Unit> WeightsAreInRange(SystemSpec spec) =>
        Report(AlbApps(spec).SelectMany(a =>
        {
            var errors = new List<SpecError>();
            var (step, total) = (a.Alb.StepWeight, a.Alb.TotalWeight);
            if (total < 1 || total > MaxWeight)
                errors.Add(new("weight-out-of-range", $"{a.Path}.alb.updateStrategy.totalWeight",
                    $"application \"{a.App.Name}\": totalWeight must be between 1 and {MaxWeight}, got {total}"));
            if (step < 1 || step > Math.Max(total, 1))
                errors.Add(new("weight-out-of-range", $"{a.Path}.alb.updateStrategy.stepWeight",
                    $"application \"{a.App.Name}\": stepWeight must be between 1 and totalWeight ({total}), got {step}"));
            return errors;
        }));

    /// <summary>
    /// The new side alone must fit in one forward action (5 target groups). Mid-swap the action
    /// holds old and new together; the old side is only known at run time, so the planner
    /// re-checks old + new against the observed rule before it writes.
    /// </summary>
    public static Validation<SpecError, Unit> TargetGroupsFitInForwardAction(SystemSpec spec) =>
        Report(AlbApps(spec)
            .Where(a => a.Alb.TargetGroup is not TargetGroupSource.SharedArn && Matched(spec, a.App).Count > MaxTargetGroupsPerForward)
            .Select(a => new SpecError("too-many-target-groups", $"{a.Path}.alb.forwardConfig.targetGroup",
                $"application \"{a.App.Name}\": clusterSelector matches {Matched(spec, a.App).Count} clusters ({Names(Matched(spec, a.App))}) but an ALB forward action holds at most {MaxTargetGroupsPerForward} target groups")));

    public static Validation<SpecError, Unit> PriorityIsInRange(SystemSpec spec) =>
        Report(AlbApps(spec)
            .Where(a => a.Alb.Priority < 1 || a.Alb.Priority > 50000)
            .Select(a => new SpecError("priority-out-of-range", $"{a.Path}.alb.forwardConfig.priority",
                $"application \"{a.App.Name}\": listener rule priority must be between 1 and 50000, got {a.Alb.Priority}")));

    /// <summary>
    /// One listener rule (listener ARN and priority) has one owner: two applications writing the
    /// same forward action would undo each other's weights.
    /// </summary>
    public static Validation<SpecError, Unit> ListenerRulesHaveOneOwner(SystemSpec spec) =>
        Report(AlbApps(spec)
            .GroupBy(a => (a.Alb.ListenerArn, a.Alb.Priority))
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(a => new SpecError("rule-owned-twice", $"{a.Path}.alb.forwardConfig.priority",
                $"application \"{a.App.Name}\": the listener rule with priority {a.Alb.Priority} on {a.Alb.ListenerArn} is already owned by application \"{g.First().App.Name}\"; give each application its own rule (another priority)"))));
}
