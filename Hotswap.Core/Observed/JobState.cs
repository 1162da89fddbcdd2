namespace Hotswap.Core.Observed;

/// <summary>A precheck or postcheck Job as observed.</summary>
public sealed record JobState(string Name, JobPhase Phase, string Message);
