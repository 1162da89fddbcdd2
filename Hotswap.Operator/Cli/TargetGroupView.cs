namespace Hotswap.Operator.Cli;

/// <summary>One target group of a forward action.</summary>
/// <param name="Name">The cluster that fronts it when known ("mycluster-web-1-v2"), else its short ARN ("targetgroup/web-1-v2").</param>
/// <param name="Arn">The target group's ARN.</param>
/// <param name="Weight">Its weight.</param>
public sealed record TargetGroupView(string Name, string Arn, int Weight);
