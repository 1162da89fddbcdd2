using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>alb.forwardConfig.targetGroup: exactly one of arn, arnFromLabel, targetGroupBindingSelector.</summary>
public abstract record TargetGroupSource
{
    private TargetGroupSource() { }

    /// <summary>One shared target group; the swap is membership alone, no weight shifting.</summary>
    public sealed record SharedArn(string Arn) : TargetGroupSource;

    /// <summary>Each cluster's <c>labels[Key]</c> holds its target group ARN.</summary>
    public sealed record FromLabel(string Key) : TargetGroupSource;

    /// <summary>The ARN comes from TargetGroupBinding objects matching the selector in the workload cluster.</summary>
    public sealed record FromBindingSelector(LabelSelector Selector) : TargetGroupSource;
}
