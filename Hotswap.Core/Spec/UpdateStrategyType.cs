namespace Hotswap.Core.Spec;

/// <summary>Order of membership changes (argocd.updateStrategy.type).</summary>
public enum UpdateStrategyType
{
    /// <summary>Add new members, move traffic, then remove old members. The default.</summary>
    CreateBeforeDelete,
    /// <summary>Remove old members, then add new. Not allowed with alb.</summary>
    DeleteBeforeCreate,
}
