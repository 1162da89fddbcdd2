using Hotswap.Core.Status;

namespace Hotswap.Effects.Ports;

/// <summary>A System as the API server holds it; the spec is parsed elsewhere.</summary>
public sealed record SystemObject(string Name, Option<SystemStatus> Status, string ResourceVersion);
