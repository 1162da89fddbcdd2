namespace Hotswap.Testing.Aws;

/// <summary>What <see cref="FaultProxy"/> does to one call instead of forwarding it.</summary>
public enum Fault
{
    /// <summary>HTTP 400 with AWS's Throttling error body (Query XML or REST JSON, as the service speaks).</summary>
    Throttling,
    /// <summary>HTTP 500 InternalFailure.</summary>
    InternalError,
    /// <summary>HTTP 503 ServiceUnavailable.</summary>
    Unavailable,
    /// <summary>The connection is dropped without an answer.</summary>
    Drop,
    /// <summary>HTTP 403 AccessDenied, as for a policy that lacks the action.</summary>
    AccessDenied,
}
