using System.Text.Json.Nodes;
using Hotswap.Core.Controls;
using Hotswap.Core.Status;
using Hotswap.Testing;
using LanguageExt;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Operator.Tests;

/// <summary>
/// <c>hotswap abort|retry|pause|resume|promote</c> against the half-migrated reference System
/// (web Migrating at step 3/10, api and backgroundjobs Synced): each writes exactly its
/// annotation, read back through the API, in the format <see cref="ManualControls"/> parses back
/// to the intended request; and nothing else.
/// </summary>
[Collection(Cli.Collection)]
public sealed class ManualControlCommandsTests : IAsyncLifetime
{
    private HalfMigratedCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await HalfMigratedCluster.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    private CliRun Hotswap(params string[] args) => Cli.Run([.. args, "--kubeconfig", cluster.Kubeconfig]);

    /// <summary>Runs the command and returns the annotations it added, changed (new value) or removed (null).</summary>
    private async Task<(CliRun Run, Dictionary<string, string?> Changed, ManualControls Controls, DateTimeOffset From, DateTimeOffset To)> Apply(
        params string[] args)
    {
        var before = await cluster.AnnotationsAsync();
        var generation = (await cluster.SystemAsync())["metadata"]!["generation"]!.GetValue<long>();
        var from = DateTimeOffset.UtcNow;
        var run = Hotswap(args);
        var to = DateTimeOffset.UtcNow;
        Assert.True(run.ExitCode == 0, run.Error);
        var after = await cluster.AnnotationsAsync();
        var changed = after.Where(kv => !before.TryGetValue(kv.Key, out var v) || v != kv.Value)
            .Select(kv => (kv.Key, (string?)kv.Value))
            .Concat(before.Keys.Where(k => !after.ContainsKey(k)).Select(k => (k, (string?)null)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        Assert.Equal(generation, (await cluster.SystemAsync())["metadata"]!["generation"]!.GetValue<long>());
        var controls = ManualControls.FromAnnotations(Prelude.toMap(after.Select(kv => (kv.Key, kv.Value))));
        Assert.Empty(controls.Malformed);
        return (run, changed, controls, from, to);
    }

    private static T Only<T>(ManualControls controls, string application) where T : ControlRequest =>
        Assert.IsType<T>(Assert.Single(controls.Requests.Find(application).IfNone(Prelude.Seq<ControlRequest>())));

    [Fact]
    public async Task Abort_writes_only_its_annotation_and_it_reads_back_as_an_abort_of_web_made_now()
    {
        var (run, changed, controls, from, to) = await Apply("abort", "mysystem", "web");

        Assert.Equal(["abort.hotswap.mumoshu.github.io/web"], changed.Keys);
        var abort = Only<ControlRequest.Abort>(controls, "web");
        Assert.InRange(abort.At, from, to);
        Assert.Equal(Prelude.Seq1<ControlRequest>(abort), controls.Pending("web", Prelude.None));
        Assert.Contains("abort of web requested", run.Out);
        Assert.Contains("start rolling back to the saved revision at once", run.Out);
    }

    [Fact]
    public async Task Abort_of_the_System_aborts_the_moving_applications_and_leaves_the_others_alone()
    {
        var (run, changed, controls, _, _) = await Apply("abort", "mysystem");

        Assert.Equal(["abort.hotswap.mumoshu.github.io/web"], changed.Keys);
        Only<ControlRequest.Abort>(controls, "web");
        Assert.Contains("left alone: api: Synced, backgroundjobs: Synced", run.Out);
    }

    [Fact]
    public async Task Abort_under_rollback_policy_Halt_says_the_application_halts()
    {
        await cluster.PatchSystemAsync("""{"spec":{"rollback":{"policy":"Halt"}}}""");

        var (run, _, controls, _, _) = await Apply("abort", "mysystem", "web");

        Only<ControlRequest.Abort>(controls, "web");
        Assert.Contains("halt there (spec.rollback.policy: Halt)", run.Out);
    }

    [Fact]
    public async Task Retry_of_a_Reverted_application_writes_a_retry_request()
    {
        await cluster.SetApplicationAsync("web", a => a with { Phase = ApplicationPhase.Reverted, Step = 0 });

        var (run, changed, controls, from, to) = await Apply("retry", "mysystem", "web");

        Assert.Equal(["retry.hotswap.mumoshu.github.io/web"], changed.Keys);
        Assert.InRange(Only<ControlRequest.Retry>(controls, "web").At, from, to);
        Assert.Contains("try web's target again", run.Out);
    }

    [Fact]
    public async Task Retry_of_an_application_halted_by_rollback_policy_Halt_is_accepted()
    {
        await cluster.PatchSystemAsync("""{"spec":{"rollback":{"policy":"Halt"}}}""");
        await cluster.SetApplicationAsync("web", a => a with { Phase = ApplicationPhase.CheckFailed });

        var (_, changed, controls, _, _) = await Apply("retry", "mysystem", "web");

        Assert.Equal(["retry.hotswap.mumoshu.github.io/web"], changed.Keys);
        Only<ControlRequest.Retry>(controls, "web");
    }

    [Fact]
    public async Task Promote_takes_the_step_from_the_status_and_full_takes_every_remaining_step()
    {
        var (run, changed, controls, from, to) = await Apply("promote", "mysystem", "web");

        Assert.Equal(["promote.hotswap.mumoshu.github.io/web"], changed.Keys);
        Assert.StartsWith("3@", changed.Single().Value);
        var promote = Only<ControlRequest.Promote>(controls, "web");
        Assert.Equal(Prelude.Some(3), promote.Step);
        Assert.InRange(promote.At, from, to);
        Assert.Contains("skip the rest of step 3's check wait", run.Out);

        var (_, fullChanged, fullControls, _, _) = await Apply("promote", "mysystem", "web", "--full");

        Assert.StartsWith("full@", fullChanged.Single().Value);
        Assert.True(Only<ControlRequest.Promote>(fullControls, "web").Full);
    }

    [Fact]
    public async Task Pause_and_resume_keep_one_list_and_resuming_one_application_under_star_pauses_the_others_by_name()
    {
        const string Pause = ManualControls.PauseAnnotation;

        var web = await Apply("pause", "mysystem", "web");
        Assert.Equal(new Dictionary<string, string?> { [Pause] = "web" }, web.Changed);
        Assert.True(web.Controls.IsPaused("web") && !web.Controls.IsPaused("api"));

        var all = await Apply("pause", "mysystem");
        Assert.Equal(new Dictionary<string, string?> { [Pause] = "*" }, all.Changed);
        Assert.True(all.Controls.PauseAll);

        var api = await Apply("resume", "mysystem", "api");
        Assert.Equal(new Dictionary<string, string?> { [Pause] = "web,backgroundjobs" }, api.Changed);
        Assert.False(api.Controls.IsPaused("api"));
        Assert.True(api.Controls.IsPaused("web") && api.Controls.IsPaused("backgroundjobs"));
        Assert.Contains("every other application stays paused, now by name: web, backgroundjobs", api.Run.Out);

        var none = await Apply("resume", "mysystem");
        Assert.Equal(new Dictionary<string, string?> { [Pause] = null }, none.Changed);
        Assert.False(none.Controls.IsPaused("web"));
    }

    [Fact]
    public async Task Pausing_what_is_already_paused_changes_nothing()
    {
        await Apply("pause", "mysystem");
        var writes = cluster.Writes.Count;

        var again = await Apply("pause", "mysystem", "web");

        Assert.Empty(again.Changed);
        Assert.Contains("already paused", again.Run.Out);
        Assert.Equal(writes, cluster.Writes.Count);
    }

    [Fact]
    public async Task The_pause_list_is_written_with_the_resourceVersion_it_was_read_at_and_written_again_after_a_conflict()
    {
        // A proxy lets another person's pause of api land between this command's read and its write.
        var patches = 0;
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Server.Url) };
        await using var proxy = await LoopbackServer.StartAsync(async ctx =>
        {
            if (ctx.Request.Method == "PATCH" && Interlocked.Increment(ref patches) == 1)
                await cluster.PatchSystemAsync(new JsonObject
                {
                    ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [ManualControls.PauseAnnotation] = "api" } },
                }.ToJsonString());
            await Forward(http, ctx);
        });
        var kubeconfig = Path.Combine(cluster.Dir, "via-proxy");
        File.WriteAllText(kubeconfig, File.ReadAllText(cluster.Kubeconfig).Replace(cluster.Server.Url, proxy.Url.ToString().TrimEnd('/')));

        var run = Cli.Run("pause", "mysystem", "web", "--kubeconfig", kubeconfig);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(2, patches);
        Assert.Equal("api,web", (await cluster.AnnotationsAsync())[ManualControls.PauseAnnotation]);
    }

    private static async Task Forward(HttpClient http, HttpContext ctx)
    {
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), ctx.Request.Path + ctx.Request.QueryString);
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.ContainsKey("Transfer-Encoding"))
        {
            request.Content = new StreamContent(ctx.Request.Body);
            if (ctx.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        using var response = await http.SendAsync(request);
        ctx.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType) ctx.Response.ContentType = contentType.ToString();
        await response.Content.CopyToAsync(ctx.Response.Body);
    }

    public static TheoryData<string, string[], string> Refusals => new()
    {
        { "retry of a Migrating application", ["retry", "mysystem", "web"],
            "web is Migrating: retry applies to an application that is Reverted, Failed, FailedReverting, or halted by spec.rollback.policy Halt" },
        { "promote of a Synced application", ["promote", "mysystem", "api"],
            "api is Synced: promote applies to an application that is Migrating at step 1 or later" },
        { "abort of a Synced application", ["abort", "mysystem", "api"], "api is Synced: nothing is moving, so there is nothing to abort" },
        { "an application the System does not have", ["abort", "mysystem", "wbe"], "System team-a/mysystem has no application \"wbe\"; did you mean \"web\"?" },
        { "a misspelt System", ["pause", "mysytem"], "System \"mysytem\" not found in namespace team-a; did you mean \"mysystem\"?" },
        { "a System in another namespace", ["pause", "mysystem", "-n", "default"],
            "System \"mysystem\" not found in namespace default; it exists in namespace team-a (use -n team-a)" },
        { "a namespace that does not exist", ["resume", "mysystem", "-n", "team-b"], "namespace \"team-b\" not found; did you mean \"team-a\"?" },
        { "get of a misspelt System", ["get", "mystem"], "did you mean \"mysystem\"?" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_request_that_cannot_apply_says_why_exits_1_and_writes_nothing(string name, string[] args, string message)
    {
        var before = await cluster.AnnotationsAsync();
        var writes = cluster.Writes.Count;

        var run = Hotswap(args);

        Assert.True(run.ExitCode == 1, $"{name}: exit {run.ExitCode}\n{run.Out}{run.Error}");
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Out);
        Assert.Equal(writes, cluster.Writes.Count);
        Assert.Equal(before, await cluster.AnnotationsAsync());
    }

    [Fact]
    public async Task Promote_at_step_0_is_refused_no_traffic_has_moved()
    {
        await cluster.SetApplicationAsync("web", a => a with { Step = 0 });
        var writes = cluster.Writes.Count;

        var run = Hotswap("promote", "mysystem", "web");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("web is Migrating at step 0/10: no traffic has moved yet", run.Error);
        Assert.Equal(writes, cluster.Writes.Count);
    }

    [Fact]
    public void An_unreachable_API_server_is_an_error_naming_the_server_and_the_kubeconfig()
    {
        var closed = Peer.FreePort();
        var kubeconfig = Path.Combine(cluster.Dir, "closed");
        File.WriteAllText(kubeconfig, File.ReadAllText(cluster.Kubeconfig).Replace(cluster.Server.Url, $"http://127.0.0.1:{closed}"));

        foreach (var args in new[] { ["abort", "mysystem", "web"], new[] { "pause", "mysystem" }, ["get", "mysystem"] })
        {
            var run = Cli.Run([.. args, "--kubeconfig", kubeconfig]);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"cannot reach the Kubernetes API server (context hotswap-test at http://127.0.0.1:{closed}, kubeconfig {kubeconfig})", run.Error);
        }
    }

    [Fact]
    public void Without_kubeconfig_and_namespace_options_KUBECONFIG_and_its_context_namespace_are_used()
    {
        var saved = Environment.GetEnvironmentVariable("KUBECONFIG");
        try
        {
            var other = Path.Combine(cluster.Dir, "other");
            File.WriteAllText(other, "apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n");
            Environment.SetEnvironmentVariable("KUBECONFIG", $"{other}{Path.PathSeparator}{cluster.Kubeconfig}");

            var run = Cli.Run("get", "mysystem");

            Assert.True(run.ExitCode == 0, run.Error);
            Assert.Contains("System team-a/mysystem", run.Out);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", saved);
        }
    }
}
