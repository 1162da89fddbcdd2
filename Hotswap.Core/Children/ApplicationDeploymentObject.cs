namespace Hotswap.Core.Children;

/// <summary>An ArgoCDApplicationDeployment as observed.</summary>
public sealed record ApplicationDeploymentObject(ApplicationDeploymentSpec Spec, ApplicationDeploymentStatus Status);
