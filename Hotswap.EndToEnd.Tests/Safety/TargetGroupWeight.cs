namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>One target group of a forward action; <see cref="Weight"/> is null when the request named none.</summary>
public sealed record TargetGroupWeight(string Arn, int? Weight);
