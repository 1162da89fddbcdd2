namespace Hotswap.Effects.Ports;

/// <summary>
/// How to reach a workload cluster's API (for its TargetGroupBindings): endpoint, CA and a bearer
/// token. In production an EKS token provider (STS presigned GetCallerIdentity) answers; tests
/// answer with a loopback server. Calls may throw <see cref="PortException"/>.
/// </summary>
public interface IWorkloadClusterCredentials
{
    /// <param name="cluster">The System's cluster name.</param>
    /// <param name="eksClusterName">The EKS cluster it is.</param>
    Task<WorkloadClusterAccess> GetAsync(string cluster, string eksClusterName);
}
