using System.Text.Json.Nodes;
using Hotswap.Core.Controls;
using Hotswap.Testing;
using Hotswap.Testing.KubeApi;
using LanguageExt;

namespace Hotswap.Operator.Tests;

/// <summary>
/// The real kubectl reads the annotations the CLI wrote: the format is what a person sees with
/// <c>kubectl get system mysystem -o jsonpath=…</c>, and what kubectl shows parses back to the
/// requests that were made.
/// </summary>
[Collection(Cli.Collection)]
public sealed class KubectlSeesTheControlsTests : IAsyncLifetime
{
    private HalfMigratedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await HalfMigratedCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [SkippableFact]
    public async Task Kubectl_shows_the_pause_abort_and_promote_annotations_as_written()
    {
        Peer.Require("kubectl");
        var kubectl = new Kubectl(cluster.Kubeconfig, Path.Combine(cluster.Dir, "kubectl-cache"));
        foreach (var args in new[] { ["pause", "mysystem", "web"], ["promote", "mysystem", "web"], new[] { "abort", "mysystem", "web" } })
        {
            var run = Cli.Run([.. args, "--kubeconfig", cluster.Kubeconfig]);
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var pause = await kubectl.Run("get", "system", "mysystem", "-o", @"jsonpath={.metadata.annotations.hotswap\.mumoshu\.github\.io/pause}");
        var all = await kubectl.Run("get", "system", "mysystem", "-o", "jsonpath={.metadata.annotations}");

        Assert.True(pause.Ok, pause.ToString());
        Assert.Equal("web", pause.Out);
        Assert.True(all.Ok, all.ToString());
        var annotations = JsonNode.Parse(all.Out)!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        Assert.Equal(await cluster.AnnotationsAsync(), annotations);
        Assert.Equal(
            ["abort.hotswap.mumoshu.github.io/web", "hotswap.mumoshu.github.io/pause", "promote.hotswap.mumoshu.github.io/web"],
            annotations.Keys.Order(StringComparer.Ordinal));
        Assert.Matches(@"^3@\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", annotations["promote.hotswap.mumoshu.github.io/web"]);
        var controls = ManualControls.FromAnnotations(Prelude.toMap(annotations.Select(kv => (kv.Key, kv.Value))));
        Assert.Empty(controls.Malformed);
        Assert.True(controls.IsPaused("web"));
        Assert.Collection(controls.Pending("web", Prelude.None),
            r => Assert.Equal(Prelude.Some(3), Assert.IsType<ControlRequest.Promote>(r).Step),
            r => Assert.IsType<ControlRequest.Abort>(r));
    }
}
