namespace Hotswap.Effects.Ports;

/// <summary>One of hotswap's own objects as the API server holds it: spec, status and resourceVersion.</summary>
public sealed record StoredObject<TSpec, TStatus>(string Name, TSpec Spec, TStatus Status, string ResourceVersion);
