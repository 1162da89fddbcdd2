using System.Globalization;
using Hotswap.Core.Children;
using Hotswap.Core.Status;
using Hotswap.Effects.Kubernetes;
using Hotswap.Operator.Tests.Running;
using Hotswap.Operator.Watching;
using Hotswap.Testing.KubeApi;
using k8s;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Tests.Watching;

/// <summary>
/// The adapters on the cache see their own writes at once, before (here: without) the watch event:
/// the watches are cut for the whole test, so only read-your-writes can explain what is read.
/// </summary>
public sealed class ReadYourWritesTests : IAsyncLifetime
{
    private const string Ns = ControlPlane.Namespace;
    private readonly WatchSwitch wire = new();
    private readonly CancellationTokenSource stop = new();
    private KubeApiServer server = null!;
    private IKubernetes client = null!;
    private Caches caches = null!;
    private Task running = Task.CompletedTask;
    private KubernetesObjects port = null!;

    public async Task InitializeAsync()
    {
        server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared);
        client = new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Url }, wire);
        caches = new Caches(client, [Ns], ControlPlane.ArgoNamespace, new RecordingObserver(), TimeProvider.System, _ => { });
        var stored = server.Apply(ControlPlane.System(RepoFiles.Root, "mysystem"));
        running = caches.RunAsync(stop.Token);
        var until = DateTime.UtcNow.AddSeconds(15);
        while (caches.Systems.VersionOf(Ns, "mysystem") != stored["metadata"]!["resourceVersion"]!.GetValue<string>())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the cache never saw the System");
            await Task.Delay(10);
        }
        port = new KubernetesObjects(client, Ns, ControlPlane.ArgoNamespace, reads: caches.Reads);
        wire.Offline = true;
        wire.Drop();
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        await running;
        client.Dispose();
        await server.DisposeAsync();
    }

    private static readonly SystemStatus Migrating = SystemStatus.Initial with { ObservedGeneration = 1, Phase = SystemPhase.Migrating, Message = "web: step 3/10" };

    [Fact]
    public async Task A_status_write_reads_back_at_once_with_its_new_version_though_no_watch_event_arrived()
    {
        var before = await port.GetSystemAsync("mysystem");

        await port.UpdateSystemStatusAsync("mysystem", Migrating, before.ResourceVersion);
        var after = await port.GetSystemAsync("mysystem");

        Assert.Equal(Some(Migrating), after.Status);
        Assert.True(long.Parse(after.ResourceVersion, CultureInfo.InvariantCulture) > long.Parse(before.ResourceVersion, CultureInfo.InvariantCulture));
        // The next write is guarded by the version read back, and lands.
        await port.UpdateSystemStatusAsync("mysystem", Migrating with { Message = "web: step 4/10" }, after.ResourceVersion);
    }

    [Fact]
    public async Task Children_secrets_jobs_and_revisions_written_read_back_at_once_and_deleted_ones_are_gone()
    {
        var spec = new ArgoCDClusterSpec("mysystem-web-1", "mysystem", "web-1", "eks-web-1", None, true, None, Map(("role", "web")));
        await port.ArgoCDClusters.ApplyAsync("mysystem-web-1", spec);
        var created = (await port.ArgoCDClusters.GetAsync("mysystem-web-1")).IfNone(() => throw new Xunit.Sdk.XunitException("not read back"));
        var ready = new ArgoCDClusterStatus("Ready", true, "ok", Some("https://web-1.eks"));
        await port.ArgoCDClusters.UpdateStatusAsync("mysystem-web-1", ready, created.ResourceVersion);
        await port.CreateSecretAsync("mysystem-web-1", "mysystem-web-1",
            Map(("name", "x"), ("server", "https://web-1.eks"), ("config", "{}")),
            Map(("argocd.argoproj.io/secret-type", "cluster"), ("hotswap.mumoshu.github.io/system", "mysystem")));
        await port.CreateJobAsync("smoke-1", Map(("hotswap.mumoshu.github.io/system", "mysystem")),
            """{"spec":{"template":{"spec":{"containers":[{"name":"smoke","image":"busybox"}]}}}}""");

        Assert.Equal(Some(ready), (await port.ArgoCDClusters.GetAsync("mysystem-web-1")).Map(o => o.Status));
        Assert.Equal("https://web-1.eks", (await port.GetSecretAsync("mysystem-web-1")).Data.Find("server").IfNone(""));
        Assert.Single(await port.ListJobsAsync(Map(("hotswap.mumoshu.github.io/system", "mysystem"))));

        await port.DeleteJobAsync("smoke-1");
        await port.ArgoCDClusters.DeleteAsync("mysystem-web-1");
        Assert.Empty(await port.ListJobsAsync(Map(("hotswap.mumoshu.github.io/system", "mysystem"))));
        Assert.True((await port.ArgoCDClusters.GetAsync("mysystem-web-1")).IsNone);
    }
}
