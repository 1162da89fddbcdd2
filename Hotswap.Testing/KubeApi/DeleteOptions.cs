namespace Hotswap.Testing.KubeApi;

/// <summary>What a DELETE asks for: the propagation policy and the preconditions.</summary>
public sealed record DeleteOptions(string? PropagationPolicy = null, string? PreconditionUid = null, string? PreconditionResourceVersion = null, bool DryRun = false);
