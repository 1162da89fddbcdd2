namespace Hotswap.Effects.Ports;

/// <summary>Every port one reconcile reads and writes.</summary>
/// <param name="Events">Where reconcilers record Kubernetes Events; none: no Events are recorded.</param>
public sealed record PortSet(IKubernetesObjects Kubernetes, ILoadBalancer LoadBalancer, IEks Eks, IMetrics Metrics, IEvents? Events = null);
