namespace Hotswap.Properties.Model;

/// <summary>What the metric providers answer during a migration.</summary>
public enum CheckBehaviour
{
    /// <summary>Every reading is within bounds.</summary>
    Pass,
    /// <summary>Readings are out of bounds once the application is at step k or later.</summary>
    FailFromStep,
    /// <summary>No data once the application is at step k or later.</summary>
    InconclusiveFromStep,
}
