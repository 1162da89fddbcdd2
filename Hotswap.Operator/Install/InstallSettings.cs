namespace Hotswap.Operator.Install;

/// <summary>What <c>hotswap install</c> changes in the base's manifests.</summary>
/// <param name="Namespace">The operator's namespace (the base's: hotswap-system).</param>
/// <param name="Image">The operator's container image.</param>
/// <param name="ArgoNamespace">Where ArgoCD keeps cluster Secrets, Applications and ApplicationSets (the base's: argocd).</param>
/// <param name="RoleArn">The IAM role for IRSA (the ServiceAccount's eks.amazonaws.com/role-arn); null keeps the base's placeholder.</param>
/// <param name="PodIdentity">EKS Pod Identity instead of IRSA: the role-arn annotation is left out.</param>
public sealed record InstallSettings(string Namespace, string Image, string ArgoNamespace, string? RoleArn = null, bool PodIdentity = false);
