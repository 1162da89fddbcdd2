using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>A status write that did not happen (usually a 409); the next reconcile recomputes it.</summary>
public sealed record StatusWriteFailure(string Target, Option<PortErrorKind> Error, string Reason);
