namespace Hotswap.Core.Spec;

/// <summary>spec.rollback.policy.</summary>
public enum RollbackMode
{
    /// <summary>After the delay, plan back towards the saved revision. The default.</summary>
    Rollback,
    /// <summary>Stop where the failure happened and wait for a person.</summary>
    Halt,
}
