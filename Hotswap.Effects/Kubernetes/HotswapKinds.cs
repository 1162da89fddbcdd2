namespace Hotswap.Effects.Kubernetes;

/// <summary>API coordinates of the kinds hotswap reads and writes through the generic custom-object API.</summary>
public static class HotswapKinds
{
    public const string Group = "hotswap.mumoshu.github.io";
    public const string Version = "v1alpha1";
    public const string ApiVersion = Group + "/" + Version;

    public const string Systems = "systems";
    public const string ArgoCDClusters = "argocdclusters";
    public const string ApplicationDeployments = "argocdapplicationdeployments";
    public const string Checks = "checks";

    /// <summary>The finalizer that keeps a System until its ArgoCD cluster secrets (in another namespace) are gone.</summary>
    public const string SecretsFinalizer = Core.Planning.SystemFinalizer.Name;

    public const string ArgoGroup = "argoproj.io";
    public const string ArgoVersion = "v1alpha1";
    public const string Applications = "applications";
    public const string ApplicationSets = "applicationsets";

    public const string TargetGroupBindingGroup = "elbv2.k8s.aws";
    public const string TargetGroupBindingVersion = "v1beta1";
    public const string TargetGroupBindings = "targetgroupbindings";
}
