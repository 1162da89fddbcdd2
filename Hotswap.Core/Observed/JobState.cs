namespace Hotswap.Core.Observed;

/// <summary>A precheck or postcheck Job as observed.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Phase">Running, Succeeded or Failed.</param>
/// <param name="Message">Why it failed, when it did.</param>
/// <param name="Application">The application label it was created with; empty when unknown.</param>
/// <param name="Created">metadata.creationTimestamp, when known: finished Jobs are cleaned up oldest first.</param>
public sealed record JobState(
    string Name,
    JobPhase Phase,
    string Message,
    string Application = "",
    Option<DateTimeOffset> Created = default);
