using Hotswap.Effects.Ports;
using Hotswap.Operator.Running;
using k8s;
using LanguageExt;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Everything <c>hotswap run</c> composes for the controller: the Kubernetes client (its requests
/// counted), the options from the flags, the AWS and metric-provider ports, how to reach workload
/// clusters, the clock and the observer that feeds /metrics and the logs.
/// </summary>
/// <param name="Workloads">
/// Workload-cluster credentials, given how to find a cluster's eks.roleARN (from the System being
/// reconciled); null when workload clusters cannot be reached.
/// </param>
public sealed record ControllerInputs(
    IKubernetes Client,
    ControllerOptions Options,
    ILoadBalancer LoadBalancer,
    IEks Eks,
    IMetrics Metrics,
    Func<Func<string, Option<string>>, IWorkloadClusterCredentials>? Workloads,
    TimeProvider Time,
    IControllerObserver Observer);
