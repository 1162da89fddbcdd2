using Hotswap.Testing.KubeApi;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// One test API server per test class, with the upstream TargetGroupBinding and ArgoCD CRDs
/// loaded, a kubeconfig for it and a private kubectl cache. Tests use their own namespaces.
/// </summary>
public sealed class KubeApiServerFixture : IAsyncLifetime
{
    public KubeApiServer Server { get; private set; } = null!;
    public string Dir { get; } = Directory.CreateTempSubdirectory("hotswap-kubeapi-").FullName;
    public string Kubeconfig => Path.Combine(Dir, "kubeconfig");

    public async Task InitializeAsync()
    {
        Server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            Load = [RepoFiles.SharedPath("upstream", "aws-load-balancer-controller"), RepoFiles.SharedPath("upstream", "argocd")],
        });
        Server.WriteKubeconfig(Kubeconfig);
    }

    /// <summary>kubectl against this server; skips (fails in CI) when kubectl is missing.</summary>
    public Kubectl Kubectl()
    {
        Peer.Require("kubectl");
        return new Kubectl(Kubeconfig, Path.Combine(Dir, "cache"));
    }

    /// <summary>Writes <paramref name="yaml"/> to a file in the fixture's folder and returns its path.</summary>
    public string File(string name, string yaml)
    {
        var path = Path.Combine(Dir, name);
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
