using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>
/// The real kubectl against the test API server: what kubectl sends and expects back is the
/// specification; where they disagree, the server is wrong.
/// </summary>
public sealed class KubectlConformanceTests(KubeApiServerFixture fixture) : IClassFixture<KubeApiServerFixture>
{
    private async Task<Kubectl> InNamespace(string ns, params (string Name, string Yaml)[] files)
    {
        var kubectl = fixture.Kubectl();
        var created = await kubectl.RunWithInput(Manifests.Namespace(ns), "apply", "-f", "-");
        Assert.True(created.Ok, created.ToString());
        foreach (var (name, yaml) in files)
        {
            var applied = await kubectl.Run("apply", "-f", fixture.File(name, yaml));
            Assert.True(applied.Ok, applied.ToString());
        }
        return kubectl;
    }

    private static async Task<JsonObject> GetJson(Kubectl kubectl, params string[] args)
    {
        var got = await kubectl.Run([.. args, "-o", "json"]);
        Assert.True(got.Ok, got.ToString());
        return JsonNode.Parse(got.Out)!.AsObject();
    }

    [SkippableFact]
    public async Task Get_selects_by_equality_and_set_based_label_selectors()
    {
        var kubectl = await InNamespace("labels",
            ("a.yaml", Manifests.TargetGroupBinding("labels", "a", team: "web")),
            ("b.yaml", Manifests.TargetGroupBinding("labels", "b", team: "api")),
            ("c.yaml", Manifests.TargetGroupBinding("labels", "c", team: "batch")));

        async Task<string> Names(string selector) =>
            (await kubectl.Run("get", "targetgroupbindings", "-n", "labels", "-l", selector, "-o", "name")).Out.Trim();

        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/a", await Names("team=web"));
        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/b\ntargetgroupbinding.elbv2.k8s.aws/c", await Names("team!=web"));
        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/a\ntargetgroupbinding.elbv2.k8s.aws/c", await Names("team in (web,batch)"));
        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/b", await Names("team notin (web,batch)"));
        Assert.Equal("", await Names("!team"));
    }

    [SkippableFact]
    public async Task Get_prints_yaml_json_and_the_CRDs_printer_columns()
    {
        var kubectl = await InNamespace("printing", ("tgb.yaml", Manifests.TargetGroupBinding("printing", "web", extraSpec: "  targetType: ip")));

        var yaml = await kubectl.Run("get", "targetgroupbinding", "web", "-n", "printing", "-o", "yaml");
        Assert.True(yaml.Ok, yaml.ToString());
        Assert.Contains("kind: TargetGroupBinding", yaml.Out);
        Assert.Contains("generation: 1", yaml.Out);
        Assert.Matches("uid: [0-9a-f-]{36}", yaml.Out);
        var json = await GetJson(kubectl, "get", "targetgroupbinding", "web", "-n", "printing");
        Assert.Equal("ip", json["spec"]!["targetType"]!.ToString());
        Assert.Matches("^\\d+$", json["metadata"]!["resourceVersion"]!.ToString());

        var table = await kubectl.Run("get", "targetgroupbindings", "-n", "printing");
        Assert.True(table.Ok, table.ToString());
        var lines = table.Out.Trim().Split('\n');
        Assert.Matches("^NAME +SERVICE-NAME +SERVICE-PORT +TARGET-TYPE +AGE$", lines[0]);
        Assert.Matches("^web +web-svc +80 +ip +\\d+s$", lines[1]);
        var wide = await kubectl.Run("get", "targetgroupbindings", "-n", "printing", "-o", "wide");
        Assert.Contains("ARN", wide.Out.Split('\n')[0]);
    }

    [SkippableFact]
    public async Task Get_watch_sees_a_spec_change_and_a_status_change()
    {
        var kubectl = await InNamespace("watching", ("tgb.yaml", Manifests.TargetGroupBinding("watching", "web")));
        using var watch = kubectl.Start("get", "targetgroupbindings", "-n", "watching", "-w",
            "-o", "custom-columns=NAME:.metadata.name,TYPE:.spec.targetType,OBSERVED:.status.observedGeneration");
        Assert.NotNull(await watch.WaitForLine(l => l.StartsWith("web"), TimeSpan.FromSeconds(10)));

        var patched = await kubectl.Run("patch", "targetgroupbinding", "web", "-n", "watching", "--type", "merge", "-p", """{"spec":{"targetType":"ip"}}""");
        Assert.True(patched.Ok, patched.ToString());
        Assert.NotNull(await watch.WaitForLine(l => l.Contains(" ip "), TimeSpan.FromSeconds(10)));

        var status = await kubectl.Run("patch", "targetgroupbinding", "web", "-n", "watching", "--subresource=status", "--type", "merge", "-p", """{"status":{"observedGeneration":2}}""");
        Assert.True(status.Ok, status.ToString());
        var seen = await watch.WaitForLine(l => l.TrimEnd().EndsWith(" 2"), TimeSpan.FromSeconds(10));
        Assert.True(seen is not null, watch.Seen);
    }

    [SkippableFact]
    public async Task Patch_merge_bumps_generation_and_the_status_subresource_does_not()
    {
        var kubectl = await InNamespace("patching", ("tgb.yaml", Manifests.TargetGroupBinding("patching", "web")));

        var spec = await kubectl.Run("patch", "targetgroupbinding", "web", "-n", "patching", "--type", "merge", "-p", """{"spec":{"targetType":"ip"},"status":{"observedGeneration":99}}""");
        Assert.True(spec.Ok, spec.ToString());
        var afterSpec = await GetJson(kubectl, "get", "targetgroupbinding", "web", "-n", "patching");
        Assert.Equal(2, afterSpec["metadata"]!["generation"]!.GetValue<long>());
        Assert.Null(afterSpec["status"]);

        var status = await kubectl.Run("patch", "targetgroupbinding", "web", "-n", "patching", "--subresource=status", "--type", "merge", "-p", """{"spec":{"targetType":"instance"},"status":{"observedGeneration":2}}""");
        Assert.True(status.Ok, status.ToString());
        var afterStatus = await GetJson(kubectl, "get", "targetgroupbinding", "web", "-n", "patching");
        Assert.Equal(2, afterStatus["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("ip", afterStatus["spec"]!["targetType"]!.ToString());
        Assert.Equal(2, afterStatus["status"]!["observedGeneration"]!.GetValue<long>());

        var labelled = await kubectl.Run("label", "targetgroupbinding", "web", "-n", "patching", "tier=front");
        Assert.True(labelled.Ok, labelled.ToString());
        var afterLabel = await GetJson(kubectl, "get", "targetgroupbinding", "web", "-n", "patching");
        Assert.Equal(2, afterLabel["metadata"]!["generation"]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task Delete_with_a_pending_finalizer_leaves_the_object_until_the_finalizer_is_removed()
    {
        var kubectl = await InNamespace("finalizing", ("tgb.yaml", Manifests.TargetGroupBinding("finalizing", "web")));
        var held = await kubectl.Run("patch", "targetgroupbinding", "web", "-n", "finalizing", "--type", "merge", "-p", """{"metadata":{"finalizers":["example.com/hold"]}}""");
        Assert.True(held.Ok, held.ToString());

        var deleted = await kubectl.Run("delete", "targetgroupbinding", "web", "-n", "finalizing", "--wait=false");
        Assert.True(deleted.Ok, deleted.ToString());
        var pending = await GetJson(kubectl, "get", "targetgroupbinding", "web", "-n", "finalizing");
        Assert.NotNull(pending["metadata"]!["deletionTimestamp"]);

        var released = await kubectl.Run("patch", "targetgroupbinding", "web", "-n", "finalizing", "--type", "json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        Assert.True(released.Ok, released.ToString());
        var gone = await kubectl.Run("get", "targetgroupbinding", "web", "-n", "finalizing");
        Assert.False(gone.Ok);
        Assert.Contains("Error from server (NotFound): targetgroupbindings.elbv2.k8s.aws \"web\" not found", gone.Err);
    }

    [SkippableFact]
    public async Task A_schema_violation_is_rejected_naming_the_field()
    {
        var kubectl = await InNamespace("invalid");
        var bad = await kubectl.Run("apply", "-f", fixture.File("bad.yaml",
            Manifests.TargetGroupBinding("invalid", "web", extraSpec: "  targetType: bogus\n  ipAddressType: 6")));
        Assert.False(bad.Ok);
        Assert.Contains("The TargetGroupBinding \"web\" is invalid: ", bad.Err);
        Assert.Contains("spec.targetType: Unsupported value: \"bogus\": supported values: \"instance\", \"ip\"", bad.Err);
        Assert.Contains("spec.ipAddressType: Invalid value: \"integer\": spec.ipAddressType in body must be of type string: \"integer\"", bad.Err);

        var unknown = await kubectl.Run("apply", "-f", fixture.File("unknown.yaml",
            Manifests.TargetGroupBinding("invalid", "web", extraSpec: "  colour: blue")));
        Assert.False(unknown.Ok);
        Assert.Contains("strict decoding error: unknown field \"spec.colour\"", unknown.Err);
    }

    [SkippableFact]
    public async Task Apply_twice_is_unchanged_and_server_side_apply_owns_its_fields()
    {
        var kubectl = await InNamespace("applying");
        var file = fixture.File("tgb-apply.yaml", Manifests.TargetGroupBinding("applying", "web"));
        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/web created", (await kubectl.Run("apply", "-f", file)).Out.Trim());
        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/web unchanged", (await kubectl.Run("apply", "-f", file)).Out.Trim());

        var ssaFile = fixture.File("tgb-ssa.yaml", Manifests.TargetGroupBinding("applying", "ssa", extraSpec: "  targetType: ip"));
        var first = await kubectl.Run("apply", "--server-side", "-f", ssaFile);
        Assert.True(first.Ok, first.ToString());
        Assert.Equal("targetgroupbinding.elbv2.k8s.aws/ssa serverside-applied", first.Out.Trim());
        var again = await kubectl.Run("apply", "--server-side", "-f", fixture.File("tgb-ssa.yaml", Manifests.TargetGroupBinding("applying", "ssa")));
        Assert.True(again.Ok, again.ToString());
        var applied = await GetJson(kubectl, "get", "targetgroupbinding", "ssa", "-n", "applying");
        Assert.Null(applied["spec"]!["targetType"]);
        Assert.Equal("ssa-svc", applied["spec"]!["serviceRef"]!["name"]!.ToString());
    }

    [SkippableFact]
    public async Task Create_of_an_existing_object_is_AlreadyExists_and_get_of_a_missing_one_NotFound()
    {
        var kubectl = await InNamespace("errors", ("tgb.yaml", Manifests.TargetGroupBinding("errors", "web")));
        var again = await kubectl.Run("create", "-f", fixture.File("tgb-again.yaml", Manifests.TargetGroupBinding("errors", "web")));
        Assert.False(again.Ok);
        Assert.Contains("Error from server (AlreadyExists): error when creating", again.Err);
        Assert.Contains("targetgroupbindings.elbv2.k8s.aws \"web\" already exists", again.Err);
        var missing = await kubectl.Run("get", "targetgroupbinding", "nothing", "-n", "errors");
        Assert.Contains("Error from server (NotFound): targetgroupbindings.elbv2.k8s.aws \"nothing\" not found", missing.Err);
        var noNamespace = await kubectl.Run("apply", "-f", fixture.File("tgb-nons.yaml", Manifests.TargetGroupBinding("absent", "web")));
        Assert.Contains("namespaces \"absent\" not found", noNamespace.Err);
    }

    [SkippableFact]
    public async Task ArgoCD_applications_are_served_with_their_printer_columns()
    {
        var kubectl = await InNamespace("argocd", ("app.yaml", Manifests.Application("argocd", "web")));
        // Applications have no status subresource: ArgoCD writes status through the object itself.
        var noSubresource = await kubectl.Run("patch", "application", "web", "-n", "argocd", "--type", "merge", "--subresource=status", "-p", "{}");
        Assert.Contains("the server could not find the requested resource", noSubresource.Err);
        var status = await kubectl.Run("patch", "application", "web", "-n", "argocd", "--type", "merge",
            "-p", """{"status":{"sync":{"status":"Synced"},"health":{"status":"Healthy"}}}""");
        Assert.True(status.Ok, status.ToString());
        var table = await kubectl.Run("get", "apps.argoproj.io", "-n", "argocd");
        Assert.True(table.Ok, table.ToString());
        var lines = table.Out.Trim().Split('\n');
        Assert.Matches("^NAME +SYNC STATUS +HEALTH STATUS$", lines[0]);
        Assert.Matches("^web +Synced +Healthy$", lines[1]);
    }

    [SkippableFact]
    public async Task Imperative_creates_send_protobuf_and_are_understood()
    {
        var kubectl = fixture.Kubectl();
        Assert.Equal("namespace/imperative created", (await kubectl.Run("create", "namespace", "imperative")).Out.Trim());
        var secret = await kubectl.Run("create", "secret", "generic", "cluster", "-n", "imperative", "--from-literal=server=https://a.example.com");
        Assert.True(secret.Ok, secret.ToString());
        var configMap = await kubectl.Run("create", "configmap", "settings", "-n", "imperative", "--from-literal=mode=blue");
        Assert.True(configMap.Ok, configMap.ToString());

        var stored = await GetJson(kubectl, "get", "secret", "cluster", "-n", "imperative");
        Assert.Equal("aHR0cHM6Ly9hLmV4YW1wbGUuY29t", stored["data"]!["server"]!.ToString());
        Assert.Equal("Opaque", stored["type"]!.ToString());
        Assert.Null(stored["metadata"]!["generateName"]);
        Assert.Equal("blue", (await GetJson(kubectl, "get", "configmap", "settings", "-n", "imperative"))["data"]!["mode"]!.ToString());
    }

    [SkippableFact]
    public async Task An_events_k8s_io_Event_is_listed_by_kubectl_get_events()
    {
        var kubectl = await InNamespace("eventful", ("event.yaml", """
            apiVersion: events.k8s.io/v1
            kind: Event
            metadata:
              name: mysystem.swap
              namespace: eventful
            eventTime: "2026-01-01T00:00:00.000000Z"
            reason: Shifted
            note: web moved to 30% on the v2 target groups
            action: SetForwardWeights
            reportingController: hotswap.mumoshu.github.io/operator
            reportingInstance: hotswap-0
            type: Normal
            regarding: {apiVersion: hotswap.mumoshu.github.io/v1alpha1, kind: System, name: mysystem, namespace: eventful}
            """));
        var table = await kubectl.Run("get", "events", "-n", "eventful");
        Assert.True(table.Ok, table.ToString());
        var lines = table.Out.Trim().Split('\n');
        Assert.Matches("^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$", lines[0]);
        Assert.Matches("^\\S+ +Normal +Shifted +system/mysystem +web moved to 30% on the v2 target groups$", lines[1]);
        var core = await GetJson(kubectl, "get", "events.v1.", "mysystem.swap", "-n", "eventful");
        Assert.Equal("web moved to 30% on the v2 target groups", core["message"]!.ToString());
        Assert.Equal("mysystem", core["involvedObject"]!["name"]!.ToString());
        Assert.Equal("hotswap.mumoshu.github.io/operator", core["reportingComponent"]!.ToString());
    }
}
