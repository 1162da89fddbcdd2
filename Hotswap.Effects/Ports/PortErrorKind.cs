namespace Hotswap.Effects.Ports;

/// <summary>Why a call to the outside world failed, in the terms the real APIs use.</summary>
public enum PortErrorKind
{
    /// <summary>AWS Throttling / HTTP 429: retry later.</summary>
    Throttled,
    /// <summary>HTTP 5xx: the service failed; retry later.</summary>
    ServerError,
    /// <summary>Kubernetes 409 on a stale resourceVersion: re-read and retry.</summary>
    Conflict,
    /// <summary>The object or resource does not exist.</summary>
    NotFound,
    /// <summary>Create of an object that already exists.</summary>
    AlreadyExists,
    /// <summary>HTTP 401/403: the credentials lack a permission (RBAC, IAM); a person must grant it.</summary>
    Forbidden,
    /// <summary>The request itself is invalid (AWS ValidationError, Kubernetes 422).</summary>
    Validation,
    /// <summary>AWS AccessDenied / UnauthorizedOperation, HTTP 401/403: the credentials or the IAM policy.</summary>
    AccessDenied,
    /// <summary>The service could not be reached (connection refused or dropped, timeout): retry later.</summary>
    Unreachable,
}
