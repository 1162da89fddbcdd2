namespace Hotswap.Effects.Ports;

/// <summary>A Secret in the ArgoCD namespace (data decoded).</summary>
public sealed record SecretObject(
    string Name,
    Map<string, string> Data,
    Map<string, string> Labels,
    Map<string, string> Annotations,
    string ResourceVersion);
