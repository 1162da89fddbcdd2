namespace Hotswap.Core.Children;

/// <summary>An ArgoCDCluster as observed: what was last applied and what its reconciler last recorded.</summary>
public sealed record ArgoCDClusterObject(ArgoCDClusterSpec Spec, ArgoCDClusterStatus Status);
