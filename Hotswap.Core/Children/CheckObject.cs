namespace Hotswap.Core.Children;

/// <summary>A Check as observed.</summary>
public sealed record CheckObject(CheckObjectSpec Spec, CheckStatus Status);
