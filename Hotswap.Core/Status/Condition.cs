namespace Hotswap.Core.Status;

/// <summary>A Kubernetes status condition.</summary>
/// <param name="Type">e.g. Ready, ClustersReady, Progressing, Degraded.</param>
/// <param name="Status">"True", "False" or "Unknown".</param>
/// <param name="Reason">CamelCase reason.</param>
/// <param name="Message">Human-readable detail.</param>
/// <param name="LastTransitionTime">When Status last changed.</param>
public sealed record Condition(
    string Type,
    string Status,
    string Reason,
    string Message,
    DateTimeOffset LastTransitionTime);
