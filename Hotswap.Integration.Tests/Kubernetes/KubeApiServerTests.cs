using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// The test API server over plain HTTP, for what kubectl does not show directly: the Status
/// objects, optimistic concurrency, paging, watches from a version, bookmarks, 410 Gone,
/// strategic merge patches and garbage collection.
/// </summary>
public sealed class KubeApiServerTests : IAsyncLifetime
{
    private KubeApiServer server = null!;
    private ApiClient api = null!;

    public async Task InitializeAsync()
    {
        server = await KubeApiServer.StartAsync(new KubeApiServerOptions
        {
            HistoryLimit = 20,
            BookmarkInterval = TimeSpan.FromMilliseconds(200),
            Load = [RepoFiles.SharedPath("upstream", "aws-load-balancer-controller")],
        });
        api = new ApiClient(server.Url);
    }

    public async Task DisposeAsync()
    {
        api.Dispose();
        await server.DisposeAsync();
    }

    private const string Secrets = "/api/v1/namespaces/default/secrets";
    private const string Bindings = "/apis/elbv2.k8s.aws/v1beta1/namespaces/default/targetgroupbindings";

    private static string Secret(string name, string labels = "{}", string extra = "") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + extra + "},\"data\":{\"k\":\"dg==\"}}";

    private static string Binding(string name, string extra = "") =>
        "{\"apiVersion\":\"elbv2.k8s.aws/v1beta1\",\"kind\":\"TargetGroupBinding\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"serviceRef\":{\"name\":\"web\",\"port\":80},\"targetGroupARN\":\"arn:x\"" + extra + "}}";

    private static long Rv(JsonObject obj) => long.Parse(obj["metadata"]!["resourceVersion"]!.ToString());

    [Fact]
    public async Task An_update_with_a_stale_resourceVersion_is_a_409_Conflict_Status()
    {
        var (_, created) = await api.Post(Secrets, Secret("conflict"));
        var stale = created.DeepClone().AsObject();
        created["metadata"]!["labels"] = new JsonObject { ["first"] = "yes" };
        var (first, _) = await api.Put($"{Secrets}/conflict", created.ToJsonString());
        Assert.Equal(200, first);
        stale["metadata"]!["labels"] = new JsonObject { ["x"] = "y" };
        var (code, status) = await api.Put($"{Secrets}/conflict", stale.ToJsonString());

        Assert.Equal(409, code);
        Assert.Equal("Status", status["kind"]!.ToString());
        Assert.Equal("Failure", status["status"]!.ToString());
        Assert.Equal("Conflict", status["reason"]!.ToString());
        Assert.Equal(409, status["code"]!.GetValue<int>());
        Assert.Equal("conflict", status["details"]!["name"]!.ToString());
        Assert.Equal("secrets", status["details"]!["kind"]!.ToString());
        Assert.Equal("Operation cannot be fulfilled on secrets \"conflict\": the object has been modified; please apply your changes to the latest version and try again", status["message"]!.ToString());
    }

    [Fact]
    public async Task Resource_versions_come_from_one_counter_and_a_no_op_update_keeps_its_version()
    {
        var (_, a) = await api.Post(Secrets, Secret("counter-a"));
        var (_, b) = await api.Post(Bindings, Binding("counter-b"));
        Assert.True(Rv(b) > Rv(a));
        var (_, same) = await api.Put($"{Secrets}/counter-a", a.ToJsonString());
        Assert.Equal(Rv(a), Rv(same));
    }

    [Fact]
    public async Task A_custom_resource_update_without_a_resourceVersion_is_422()
    {
        await api.Post(Bindings, Binding("no-rv"));
        var (code, status) = await api.Put($"{Bindings}/no-rv", Binding("no-rv"));
        Assert.Equal(422, code);
        Assert.Equal("metadata.resourceVersion", status["details"]!["causes"]![0]!["field"]!.ToString());
    }

    [Fact]
    public async Task A_schema_violation_is_a_422_Status_with_a_cause_per_field()
    {
        var (code, status) = await api.Post(Bindings, Binding("invalid", ""","targetType":"bogus","ipAddressType":6"""));
        Assert.Equal(422, code);
        Assert.Equal("Invalid", status["reason"]!.ToString());
        Assert.Equal("TargetGroupBinding", status["details"]!["kind"]!.ToString());
        Assert.Equal("elbv2.k8s.aws", status["details"]!["group"]!.ToString());
        var fields = status["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.ToString()).Order().ToList();
        Assert.Equal(["spec.ipAddressType", "spec.targetType"], fields);
        Assert.StartsWith("TargetGroupBinding.elbv2.k8s.aws \"invalid\" is invalid: [", status["message"]!.ToString());
    }

    [Fact]
    public async Task Not_found_is_a_404_Status_naming_the_group_and_resource()
    {
        var (code, status) = await api.Get($"{Bindings}/absent");
        Assert.Equal(404, code);
        Assert.Equal("NotFound", status["reason"]!.ToString());
        Assert.Equal("targetgroupbindings.elbv2.k8s.aws \"absent\" not found", status["message"]!.ToString());
        Assert.Equal("elbv2.k8s.aws", status["details"]!["group"]!.ToString());
    }

    [Fact]
    public async Task Lists_page_with_limit_and_continue_and_select_by_field()
    {
        await api.Post("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"paging"}}""");
        foreach (var n in new[] { "p1", "p2", "p3" })
            await api.Post("/api/v1/namespaces/paging/secrets", Secret(n));

        var (_, page1) = await api.Get("/api/v1/namespaces/paging/secrets?limit=2");
        Assert.Equal(["p1", "p2"], page1["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()));
        Assert.Equal(1, page1["metadata"]!["remainingItemCount"]!.GetValue<long>());
        var token = Uri.EscapeDataString(page1["metadata"]!["continue"]!.ToString());
        var (_, page2) = await api.Get($"/api/v1/namespaces/paging/secrets?limit=2&continue={token}");
        Assert.Equal(["p3"], page2["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()));
        Assert.Null(page2["metadata"]!["continue"]);

        var (_, byName) = await api.Get("/api/v1/secrets?fieldSelector=metadata.name%3Dp2,metadata.namespace%3Dpaging");
        Assert.Equal(["p2"], byName["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()));
        var (_, notDefault) = await api.Get("/api/v1/secrets?fieldSelector=metadata.namespace!%3Ddefault&labelSelector=!missing");
        Assert.Equal(3, notDefault["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_watch_from_a_resourceVersion_replays_later_changes_and_sends_bookmarks()
    {
        var (_, created) = await api.Post(Secrets, Secret("watched"));
        var patch = """{"metadata":{"labels":{"seen":"yes"}}}""";
        await api.Patch($"{Secrets}/watched", "application/merge-patch+json", patch);
        await api.Delete($"{Secrets}/watched");

        var events = await api.WatchLines($"{Secrets}?watch=1&resourceVersion={Rv(created)}&allowWatchBookmarks=true&timeoutSeconds=2", 3, TimeSpan.FromSeconds(5));
        Assert.Equal(["MODIFIED", "DELETED", "BOOKMARK"], events.Select(e => e["type"]!.ToString()));
        Assert.Equal("yes", events[0]["object"]!["metadata"]!["labels"]!["seen"]!.ToString());
        Assert.True(Rv(events[2]["object"]!.AsObject()) >= Rv(events[1]["object"]!.AsObject()));
    }

    [Fact]
    public async Task A_watch_follows_the_label_selector_as_objects_enter_and_leave_it()
    {
        var (_, created) = await api.Post(Secrets, Secret("selected", """{"app":"web"}"""));
        await api.Patch($"{Secrets}/selected", "application/merge-patch+json", """{"metadata":{"labels":{"app":"api"}}}""");
        await api.Patch($"{Secrets}/selected", "application/merge-patch+json", """{"metadata":{"labels":{"app":"web"}}}""");
        var events = await api.WatchLines($"{Secrets}?watch=true&labelSelector=app%3Dweb&resourceVersion={Rv(created)}&timeoutSeconds=1", 2, TimeSpan.FromSeconds(4));
        Assert.Equal(["DELETED", "ADDED"], events.Select(e => e["type"]!.ToString()));
    }

    [Fact]
    public async Task A_watch_from_a_version_older_than_the_history_is_410_Gone()
    {
        var (_, first) = await api.Post(Secrets, Secret("old"));
        for (var i = 0; i < 25; i++)
            await api.Patch($"{Secrets}/old", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"n\":\"" + i + "\"}}}");
        var events = await api.WatchLines($"{Secrets}?watch=1&resourceVersion={Rv(first)}", 1, TimeSpan.FromSeconds(4));
        var error = Assert.Single(events);
        Assert.Equal("ERROR", error["type"]!.ToString());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.ToString());
        Assert.StartsWith($"too old resource version: {Rv(first)} (", error["object"]!["message"]!.ToString());
    }

    [Fact]
    public async Task A_strategic_merge_patch_merges_containers_by_name()
    {
        var deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
             "spec":{"containers":[{"name":"app","image":"app:1"},{"name":"sidecar","image":"side:1"}]}}}}
            """;
        await api.Post("/apis/apps/v1/namespaces/default/deployments", deployment);
        var (code, patched) = await api.Patch("/apis/apps/v1/namespaces/default/deployments/web", "application/strategic-merge-patch+json",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"},{"name":"sidecar","$patch":"delete"},{"name":"new","image":"new:1"}]}}}}""");
        Assert.Equal(200, code);
        var containers = patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(["app=app:2", "new=new:1"], containers.Select(c => $"{c!["name"]}={c["image"]}"));
        Assert.Equal(2, patched["metadata"]!["generation"]!.GetValue<long>());

        var (custom, status) = await api.Patch($"{Bindings}/x", "application/strategic-merge-patch+json", "{}");
        Assert.Equal(404, custom);
        await api.Post(Bindings, Binding("smp"));
        (custom, status) = await api.Patch($"{Bindings}/smp", "application/strategic-merge-patch+json", "{}");
        Assert.Equal(415, custom);
        Assert.Equal("UnsupportedMediaType", status["reason"]!.ToString());
    }

    [Fact]
    public async Task Deleting_an_owner_deletes_its_dependents_in_the_background_unless_orphaned()
    {
        var (_, owner) = await api.Post(Secrets, Secret("owner"));
        var ownerRef = $$$""","ownerReferences":[{"apiVersion":"v1","kind":"Secret","name":"owner","uid":"{{{owner["metadata"]!["uid"]}}}"}]""";
        await api.Post(Secrets, Secret("dependent", extra: ownerRef));
        var (_, held) = await api.Post(Secrets, Secret("held", extra: ownerRef + ""","finalizers":["example.com/hold"]"""));

        var (code, success) = await api.Delete($"{Secrets}/owner");
        Assert.Equal(200, code);
        Assert.Equal("Success", success["status"]!.ToString());
        Assert.Equal(owner["metadata"]!["uid"]!.ToString(), success["details"]!["uid"]!.ToString());
        Assert.Equal(404, (await api.Get($"{Secrets}/dependent")).Code);
        var (_, pending) = await api.Get($"{Secrets}/held");
        Assert.NotNull(pending["metadata"]!["deletionTimestamp"]);

        var (_, jobOwner) = await api.Post(Secrets, Secret("orphaning"));
        await api.Post(Secrets, Secret("orphan", extra: $$$""","ownerReferences":[{"apiVersion":"v1","kind":"Secret","name":"orphaning","uid":"{{{jobOwner["metadata"]!["uid"]}}}"}]"""));
        await api.Delete($"{Secrets}/orphaning", """{"propagationPolicy":"Orphan"}""");
        var (orphanCode, orphan) = await api.Get($"{Secrets}/orphan");
        Assert.Equal(200, orphanCode);
        Assert.Null(orphan["metadata"]!["ownerReferences"]);
        _ = held;
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        var (_, owner) = await api.Post(Secrets, Secret("fg-owner"));
        var ownerRef = $$$""","ownerReferences":[{"apiVersion":"v1","kind":"Secret","name":"fg-owner","uid":"{{{owner["metadata"]!["uid"]}}}"}]""";
        await api.Post(Secrets, Secret("fg-held", extra: ownerRef + ""","finalizers":["example.com/hold"]"""));

        var (code, deleting) = await api.Delete($"{Secrets}/fg-owner", """{"propagationPolicy":"Foreground"}""");
        Assert.Equal(202, code);
        Assert.Contains("foregroundDeletion", deleting["metadata"]!["finalizers"]!.AsArray().Select(f => f!.ToString()));

        await api.Patch($"{Secrets}/fg-held", "application/merge-patch+json", """{"metadata":{"finalizers":null}}""");
        Assert.Equal(404, (await api.Get($"{Secrets}/fg-held")).Code);
        Assert.Equal(404, (await api.Get($"{Secrets}/fg-owner")).Code);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_objects_then_the_namespace()
    {
        await api.Post("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"doomed"}}""");
        await api.Post("/api/v1/namespaces/doomed/secrets", Secret("inside", extra: ""","finalizers":["example.com/hold"]"""));
        var (code, ns) = await api.Delete("/api/v1/namespaces/doomed");
        Assert.Equal(202, code);
        Assert.Equal("Terminating", ns["status"]!["phase"]!.ToString());
        var (refused, _) = await api.Post("/api/v1/namespaces/doomed/secrets", Secret("late"));
        Assert.Equal(403, refused);

        await api.Patch("/api/v1/namespaces/doomed/secrets/inside", "application/merge-patch+json", """{"metadata":{"finalizers":null}}""");
        Assert.Equal(404, (await api.Get("/api/v1/namespaces/doomed")).Code);
    }

    [Fact]
    public async Task Jobs_are_orphaned_by_default_as_batch_v1_does()
    {
        var job = """{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate"},"spec":{"template":{"spec":{"containers":[{"name":"m","image":"m"}],"restartPolicy":"Never"}}}}""";
        var (_, created) = await api.Post("/apis/batch/v1/namespaces/default/jobs", job);
        await api.Post(Secrets, Secret("job-child", extra: $$$""","ownerReferences":[{"apiVersion":"batch/v1","kind":"Job","name":"migrate","uid":"{{{created["metadata"]!["uid"]}}}"}]"""));
        await api.Delete("/apis/batch/v1/namespaces/default/jobs/migrate");
        Assert.Equal(200, (await api.Get($"{Secrets}/job-child")).Code);
    }

    [Fact]
    public async Task Status_writes_ignore_spec_and_spec_writes_ignore_status()
    {
        var (_, created) = await api.Post(Bindings, Binding("split"));
        Assert.Null(created["status"]);
        var withStatus = created.DeepClone().AsObject();
        withStatus["status"] = new JsonObject { ["observedGeneration"] = 7 };
        withStatus["spec"]!["targetType"] = "ip";
        var (_, afterStatus) = await api.Put($"{Bindings}/split/status", withStatus.ToJsonString());
        Assert.Null(afterStatus["spec"]!["targetType"]);
        Assert.Equal(7, afterStatus["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(1, afterStatus["metadata"]!["generation"]!.GetValue<long>());

        var (_, afterSpec) = await api.Patch($"{Bindings}/split", "application/merge-patch+json", """{"spec":{"targetType":"ip"},"status":null}""");
        Assert.Equal(7, afterSpec["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.Equal(2, afterSpec["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Server_side_apply_creates_then_merges_and_needs_a_field_manager()
    {
        var apply = """{"apiVersion":"elbv2.k8s.aws/v1beta1","kind":"TargetGroupBinding","metadata":{"name":"ssa"},"spec":{"serviceRef":{"name":"web","port":80},"targetGroupARN":"arn:x"}}""";
        var (created, _) = await api.Patch($"{Bindings}/ssa?fieldManager=test", "application/apply-patch+yaml", apply);
        Assert.Equal(201, created);
        var (again, obj) = await api.Patch($"{Bindings}/ssa?fieldManager=test", "application/apply-patch+yaml", apply);
        Assert.Equal(200, again);
        Assert.Equal(1, obj["metadata"]!["generation"]!.GetValue<long>());
        var (noManager, _) = await api.Patch($"{Bindings}/ssa", "application/apply-patch+yaml", apply);
        Assert.Equal(400, noManager);
    }

    [Fact]
    public async Task Every_write_fails_when_the_server_is_asked_to_fail_writes()
    {
        await using var readOnly = await KubeApiServer.StartAsync(new KubeApiServerOptions { FailWrites = true });
        using var client = new ApiClient(readOnly.Url);
        Assert.Equal(200, (await client.Get("/api/v1/namespaces/default")).Code);
        var (code, status) = await client.Post(Secrets, Secret("nope"));
        Assert.Equal(500, code);
        Assert.Equal("InternalError", status["reason"]!.ToString());
        Assert.Contains("POST /api/v1/namespaces/default/secrets", readOnly.Requests);
    }

    [Fact]
    public async Task Label_values_are_validated_as_the_API_validates_them()
    {
        var (code, status) = await api.Post(Secrets, Secret("labelled", """{"cluster":"arn:aws:eks:us-east-1:1:cluster/web"}"""));
        Assert.Equal(422, code);
        Assert.StartsWith("Secret \"labelled\" is invalid: metadata.labels: Invalid value: \"arn:aws:eks:us-east-1:1:cluster/web\": a valid label must be an empty string or consist of alphanumeric characters",
            status["message"]!.ToString());
        var (ok, _) = await api.Post(Secrets, Secret("labelled", """{"hotswap.mumoshu.github.io/system":"mysystem"}"""));
        Assert.Equal(201, ok);
    }

    [Fact]
    public async Task A_watch_with_sendInitialEvents_ends_the_initial_events_with_an_annotated_bookmark()
    {
        await api.Post(Bindings, Binding("initial"));
        var events = await api.WatchLines($"{Bindings}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1", 2, TimeSpan.FromSeconds(4));
        Assert.Equal(["ADDED", "BOOKMARK"], events.Select(e => e["type"]!.ToString()));
        Assert.Equal("true", events[1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.ToString());
    }

    [Fact]
    public async Task Stopping_the_server_ends_open_watches_at_once()
    {
        var other = await KubeApiServer.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(other.Url), Timeout = TimeSpan.FromSeconds(5) };
        using var response = await http.GetAsync($"{Secrets}?watch=1", HttpCompletionOption.ResponseHeadersRead);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await other.DisposeAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"stopping took {clock.Elapsed}");
    }

    [Fact]
    public async Task Of_concurrent_updates_from_one_resourceVersion_exactly_one_wins()
    {
        var (_, created) = await api.Post(Bindings, Binding("race"));
        var writes = Enumerable.Range(0, 10).Select(i =>
        {
            var copy = created.DeepClone().AsObject();
            copy["spec"]!["targetType"] = i % 2 == 0 ? "ip" : "instance";
            copy["metadata"]!["labels"] = new JsonObject { ["writer"] = i.ToString() };
            return api.Put($"{Bindings}/race", copy.ToJsonString());
        });
        var codes = (await Task.WhenAll(writes)).Select(r => r.Code).ToList();
        Assert.Equal(1, codes.Count(c => c == 200));
        Assert.Equal(9, codes.Count(c => c == 409));
    }
}
