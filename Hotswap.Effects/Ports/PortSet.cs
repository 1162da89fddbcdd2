namespace Hotswap.Effects.Ports;

/// <summary>Every port one reconcile reads and writes.</summary>
public sealed record PortSet(IKubernetesObjects Kubernetes, ILoadBalancer LoadBalancer, IEks Eks, IMetrics Metrics);
