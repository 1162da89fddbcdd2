using Hotswap.Core.Status;

namespace Hotswap.Effects.Ports;

/// <summary>A System as the API server holds it; the spec is parsed elsewhere.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Status">status, when one was recorded.</param>
/// <param name="ResourceVersion">metadata.resourceVersion, for guarded writes.</param>
/// <param name="Manifest">The whole object as JSON (what Core's SystemManifest parses); empty when the source has none.</param>
/// <param name="Finalizers">metadata.finalizers.</param>
/// <param name="DeletionTimestamp">metadata.deletionTimestamp: set once deletion was requested.</param>
/// <param name="Annotations">metadata.annotations (the manual controls live there).</param>
public sealed record SystemObject(
    string Name,
    Option<SystemStatus> Status,
    string ResourceVersion,
    string Manifest = "",
    Seq<string> Finalizers = default,
    Option<DateTimeOffset> DeletionTimestamp = default,
    Map<string, string> Annotations = default);
