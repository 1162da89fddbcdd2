using k8s;

namespace Hotswap.Operator.Cli;

/// <summary>The control-plane cluster and namespace a command works in, as resolved from its kubeconfig options.</summary>
/// <param name="Config">The client configuration of the chosen context.</param>
/// <param name="Namespace">The System's namespace.</param>
/// <param name="Kubeconfig">The kubeconfig file(s) it came from, for messages.</param>
public sealed record KubeTarget(KubernetesClientConfiguration Config, string Namespace, string Kubeconfig)
{
    /// <summary>"context hotswap-test at http://127.0.0.1:41231": where requests go, for error messages.</summary>
    public string Where => $"context {Config.CurrentContext ?? "(none)"} at {Config.Host}";

    /// <summary>A client for short requests: an unresponsive server is reported after 30 s, not 100.</summary>
    public IKubernetes Client() => Create(TimeSpan.FromSeconds(30));

    /// <summary>A client for watches, which stay open for as long as the server keeps them.</summary>
    public IKubernetes WatchClient() => Create(Timeout.InfiniteTimeSpan);

    // The client reads the timeout when it is constructed, so one configuration serves both.
    private k8s.Kubernetes Create(TimeSpan timeout)
    {
        Config.HttpClientTimeout = timeout;
        return new k8s.Kubernetes(Config);
    }
}
