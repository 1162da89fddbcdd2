namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>A cluster of an application: its ArgoCD cluster secret, the target group fronting it, and its side.</summary>
public sealed record ClusterModel(string SecretName, string TargetGroupArn, Side Side);
