namespace Hotswap.Effects.Ports;

/// <summary>
/// A typed failure from a port. Adapters translate their wire errors into one of these; the
/// interpreter turns it into an outcome, never letting it escape. <see cref="Code"/> is the
/// service's own error code (AWS's "RuleNotFound", "Throttling", ...) when it sent one.
/// </summary>
public sealed class PortException(PortErrorKind kind, string message, string? code = null) : Exception(message)
{
    public PortErrorKind Kind { get; } = kind;

    /// <summary>The service's error code, e.g. "TargetGroupNotFound"; null when it sent none.</summary>
    public string? Code { get; } = code;

    public override string ToString() => $"{Kind}: {Message}";
}
