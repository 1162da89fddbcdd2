namespace Hotswap.Effects.Ports;

/// <summary>One of hotswap's own objects as the API server holds it: spec, status and resourceVersion.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Spec">The spec as last applied.</param>
/// <param name="Status">The status subresource as last written.</param>
/// <param name="ResourceVersion">metadata.resourceVersion, for optimistic concurrency.</param>
/// <param name="Generation">
/// metadata.generation: 1 on create, +1 on every spec change (never on a status write). The
/// object's reconciler reports it back as status.observedGeneration.
/// </param>
public sealed record StoredObject<TSpec, TStatus>(string Name, TSpec Spec, TStatus Status, string ResourceVersion, long Generation = 1);
