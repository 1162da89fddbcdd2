using LanguageExt;

namespace Hotswap.Core.Spec;

/// <summary>spec.clusters[].eks: the EKS cluster name (defaults to the cluster's name) and an optional role to assume.</summary>
public sealed record EksSpec(string ClusterName, Option<string> RoleArn);
