namespace Hotswap.Core.Spec;

/// <summary>spec.rollback: what a failed check or precheck leads to, and after how long.</summary>
public sealed record RollbackPolicy(RollbackMode Mode, TimeSpan Delay)
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(60);
    public static readonly RollbackPolicy Default = new(RollbackMode.Rollback, DefaultDelay);
}
