namespace Hotswap.Effects;

/// <summary>The kinds hotswap reconciles, each with its own reconciler.</summary>
public enum ObjectKind
{
    System,
    ArgoCDCluster,
    ArgoCDApplicationDeployment,
    Check,
}
