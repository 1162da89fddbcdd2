using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Hotswap.Operator.Hosting;
using Hotswap.Testing.KubeApi;
using k8s;
using k8s.Exceptions;

namespace Hotswap.Operator.Tests;

/// <summary>
/// <see cref="KubeconfigFile"/> reads what kubectl writes exactly as KubernetesClient's own reader
/// does, so replacing that reader (which loads every type of the library) changes nothing a user sees.
/// </summary>
public sealed class KubeconfigFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    [Fact]
    public async Task A_kubeconfig_kubectl_wrote_reads_as_KubernetesClient_reads_it()
    {
        Peer.Require("kubectl");
        var file = Path.Combine(dir, "config");
        var kubectl = new Kubectl(file, Path.Combine(dir, "cache"));
        using var ca = SelfSignedCa();
        File.WriteAllText(Path.Combine(dir, "ca.crt"), ca.ExportCertificatePem());
        async Task Run(params string[] args)
        {
            var r = await kubectl.Run(args);
            Assert.True(r.Ok, r.ToString());
        }
        // Two clusters, users of three kinds (token, basic auth, exec plugin),
        // contexts with and without a namespace.
        await Run("config", "set-cluster", "prod", "--server=https://10.0.0.1:6443", $"--certificate-authority={Path.Combine(dir, "ca.crt")}", "--tls-server-name=api.prod.internal");
        await Run("config", "set-cluster", "dev", "--server=https://127.0.0.1:6443", "--insecure-skip-tls-verify=true");
        await Run("config", "set-credentials", "token-user", "--token=t0ken");
        await Run("config", "set-credentials", "basic-user", "--username=alice", "--password=s3cret");
        await Run("config", "set-credentials", "eks-user", "--exec-command=aws", "--exec-api-version=client.authentication.k8s.io/v1beta1",
            "--exec-arg=eks", "--exec-arg=get-token", "--exec-arg=--cluster-name", "--exec-arg=prod", "--exec-env=AWS_PROFILE=platform");
        await Run("config", "set-context", "prod-eks", "--cluster=prod", "--user=eks-user", "--namespace=hotswap-system");
        await Run("config", "set-context", "prod-token", "--cluster=prod", "--user=token-user");
        await Run("config", "set-context", "dev-basic", "--cluster=dev", "--user=basic-user", "--namespace=team-a");
        await Run("config", "use-context", "prod-token");

        var ours = KubeconfigFile.Read(new FileInfo(file));
        var theirs = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(file));

        Assert.Equal(Json(theirs), Json(ours));
        Assert.Equal("prod-token", ours.CurrentContext);
        Assert.Equal(3, ours.Contexts.Count());
        // Building a client runs an exec plugin, so the exec user is compared as read (above) and here.
        foreach (var context in new string?[] { null, "prod-token", "dev-basic" })
        {
            var a = KubernetesClientConfiguration.BuildConfigFromConfigObject(ours, context);
            var b = KubernetesClientConfiguration.BuildConfigFromConfigObject(theirs, context);
            Assert.Equal(Client(b), Client(a));
        }
        var exec = ours.Users.Single(u => u.Name == "eks-user").UserCredentials.ExternalExecution;
        Assert.Equal("aws", exec.Command);
        Assert.Equal(["eks", "get-token", "--cluster-name", "prod"], exec.Arguments);
        Assert.Equal("platform", Assert.Single(exec.EnvironmentVariables)["value"]);
        var prod = KubernetesClientConfiguration.BuildConfigFromConfigObject(ours, "prod-token");
        Assert.Equal(("https://10.0.0.1:6443", "api.prod.internal", "t0ken"), (prod.Host, prod.TlsServerName, prod.AccessToken));
        Assert.Equal(ca.Thumbprint, Assert.Single(prod.SslCaCerts!).Thumbprint);
        Assert.Equal("team-a", KubernetesClientConfiguration.BuildConfigFromConfigObject(ours, "dev-basic").Namespace);

        // kubectl writes absolute paths; a hand-written relative one resolves against the file's folder, not the working directory.
        var relative = Path.Combine(dir, "relative");
        File.WriteAllText(relative, File.ReadAllText(file).Replace(Path.Combine(dir, "ca.crt"), "ca.crt", StringComparison.Ordinal));
        var fromRelative = KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigFile.Read(new FileInfo(relative)), "prod-token");
        Assert.Equal(ca.Thumbprint, Assert.Single(fromRelative.SslCaCerts!).Thumbprint);
    }

    [Fact]
    public void A_missing_or_empty_file_is_a_kubeconfig_error_naming_it()
    {
        var missing = Path.Combine(dir, "missing");
        var empty = Path.Combine(dir, "empty");
        File.WriteAllText(empty, "");

        Assert.Contains(missing, Assert.Throws<KubeConfigException>(() => KubeconfigFile.Read(new FileInfo(missing))).Message);
        Assert.Contains(empty, Assert.Throws<KubeConfigException>(() => KubeconfigFile.Read(new FileInfo(empty))).Message);
    }

    private static X509Certificate2 SelfSignedCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kubeconfig-test-ca", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType());

    /// <summary>What a client is built from: server, TLS, credentials, exec plugin, namespace.</summary>
    private static string Client(KubernetesClientConfiguration c) => JsonSerializer.Serialize(new
    {
        c.Host, c.Namespace, c.SkipTlsVerify, c.TlsServerName, c.AccessToken, c.Username, c.Password,
        c.ClientCertificateData, c.ClientCertificateKeyData, c.ClientCertificateFilePath, c.ClientKeyFilePath,
        c.CurrentContext,
        CaCerts = c.SslCaCerts?.Select(x => x.Thumbprint).ToArray(),
    });
}
