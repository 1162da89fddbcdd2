namespace Hotswap.Core.Spec;

/// <summary>applications[].argocd: the membership set, the ApplicationSets that deploy onto its members, and the order of membership changes.</summary>
public sealed record ArgoCdSpec(
    ClusterSecretSpec ClusterSecret,
    ApplicationSetRef ApplicationSet,
    UpdateStrategyType UpdateStrategy);
