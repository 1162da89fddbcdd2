namespace Hotswap.Effects.Ports;

/// <summary>
/// A typed failure from a port. Adapters translate their wire errors into one of these; the
/// interpreter turns it into an outcome, never letting it escape.
/// </summary>
public sealed class PortException(PortErrorKind kind, string message) : Exception(message)
{
    public PortErrorKind Kind { get; } = kind;

    public override string ToString() => $"{Kind}: {Message}";
}
