using Hotswap.Effects.Ports;
using LanguageExt;

namespace Hotswap.Testing;

/// <summary>Workload cluster access from a fixed table (cluster name → endpoint, CA, token), for tests and loopback servers.</summary>
public sealed class StaticWorkloadClusterCredentials(Map<string, WorkloadClusterAccess> clusters) : IWorkloadClusterCredentials
{
    public Task<WorkloadClusterAccess> GetAsync(string cluster, string eksClusterName) =>
        clusters.Find(cluster).Match(
            Task.FromResult,
            () => throw new PortException(PortErrorKind.Forbidden, $"no credentials for workload cluster {cluster} (EKS {eksClusterName})"));
}
