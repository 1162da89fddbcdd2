using System.Text.Json.Nodes;
using Hotswap.Operator.Install;
using Hotswap.Testing.KubeApi;
using static Hotswap.Operator.Tests.Install.Rendered;

namespace Hotswap.Operator.Tests.Install;

/// <summary>
/// <c>hotswap install</c> prints what <c>kubectl kustomize deploy/</c> renders — the same objects
/// in the same order, from the copy of deploy/ embedded at build time — with --namespace,
/// --image, --argocd-namespace, --role-arn and --pod-identity applied where they belong, and the
/// output applies to the test API server with the real kubectl.
/// </summary>
[Collection(Cli.Collection)]
public sealed class InstallCommandTests : IAsyncLifetime
{
    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-install-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static IReadOnlyList<JsonObject> Install(params string[] flags)
    {
        var run = Cli.Run(["install", .. flags]);
        Assert.True(run.ExitCode == 0, run.Error);
        return Objects(run.Out);
    }

    private async Task<KubectlResult> Kustomize(string path)
    {
        Peer.Require("kubectl");
        var rendered = await new Kubectl(Path.Combine(dir, "no-kubeconfig"), Path.Combine(dir, "cache")).Run("kustomize", path);
        Assert.True(rendered.Ok, rendered.ToString());
        return rendered;
    }

    [SkippableFact]
    public async Task Install_prints_the_objects_kubectl_kustomize_renders_from_deploy_in_its_order()
    {
        var kustomized = Objects((await Kustomize(RepoFiles.PathOf("deploy"))).Out);
        var installed = Install();

        Assert.Equal(kustomized.Select(Id), installed.Select(Id));
        foreach (var (k, i) in kustomized.Zip(installed))
            Assert.True(JsonNode.DeepEquals(k, i), $"{Id(k)} differs:\nkustomize: {k.ToJsonString()}\ninstall:   {i.ToJsonString()}");
    }

    [Fact]
    public void The_executable_embeds_deploy_as_it_is_on_disk()
    {
        var onDisk = DeployFiles.FromDirectory(RepoFiles.PathOf("deploy")).Files;
        var embedded = DeployFiles.Embedded().Files;
        Assert.Equal(onDisk.Keys.Order(StringComparer.Ordinal), embedded.Keys.Order(StringComparer.Ordinal));
        Assert.All(onDisk, f => Assert.True(f.Value == embedded[f.Key], $"deploy/{f.Key} changed since the build"));
    }

    [Fact]
    public void Namespace_image_and_argocd_namespace_land_where_they_belong()
    {
        var objects = Install("--namespace", "platform-hotswap", "--image", "registry.example.com/hotswap:dev", "--argocd-namespace", "gitops");

        Assert.Equal("platform-hotswap", One(objects, "Namespace", "platform-hotswap")["metadata"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain(objects, o => o["kind"]!.GetValue<string>() == "Namespace" && o["metadata"]!["name"]!.GetValue<string>() == "hotswap-system");
        var namespaced = objects.Where(o => Namespace(o) is not null).ToList();
        Assert.Equal(
            ["Role/gitops/hotswap-argocd", "RoleBinding/gitops/hotswap-argocd"],
            namespaced.Where(o => Namespace(o) != "platform-hotswap").Select(Id).Order(StringComparer.Ordinal));
        var subjects = objects.Where(o => o["subjects"] is not null).SelectMany(o => o["subjects"]!.AsArray());
        Assert.All(subjects, s => Assert.Equal("platform-hotswap", s!["namespace"]!.GetValue<string>()));
        var container = Container(objects);
        Assert.Equal("registry.example.com/hotswap:dev", container["image"]!.GetValue<string>());
        Assert.Contains("--argocd-namespace=gitops", Strings(container["args"]));
        Assert.DoesNotContain(objects, o => o.ToJsonString().Contains("hotswap-system"));
    }

    [Fact]
    public void A_namespace_that_looks_like_a_number_stays_a_string()
    {
        var objects = Install("--namespace", "123");
        Assert.Equal("123", Namespace(One(objects, "ServiceAccount", "hotswap")));
    }

    [Fact]
    public void Role_arn_sets_the_IRSA_annotation_and_pod_identity_leaves_it_out()
    {
        const string annotation = InstallManifests.RoleArnAnnotation;
        const string arn = "arn:aws:iam::210987654321:role/platform/hotswap";
        JsonNode? Annotations(IReadOnlyList<JsonObject> o) => One(o, "ServiceAccount", "hotswap")["metadata"]!["annotations"];

        Assert.Equal(arn, Annotations(Install("--role-arn", arn))![annotation]!.GetValue<string>());
        Assert.Null(Annotations(Install("--pod-identity"))?[annotation]);
        Assert.StartsWith("arn:aws:iam::", Annotations(Install())![annotation]!.GetValue<string>());
    }

    [Fact]
    public void Installing_into_the_argocd_namespace_leaves_its_Namespace_object_out()
    {
        var run = Cli.Run("install", "--namespace", "argocd");
        Assert.Equal(0, run.ExitCode);
        var objects = Objects(run.Out);
        Assert.DoesNotContain(objects, o => o["kind"]!.GetValue<string>() == "Namespace");
        Assert.All(objects.Where(o => Namespace(o) is not null), o => Assert.Equal("argocd", Namespace(o)));
        Assert.Contains("Namespace object is left out", run.Error);
    }

    public static TheoryData<string[], string> BadFlags => new()
    {
        { ["--namespace", "Hotswap_System"], "--namespace Hotswap_System: not a namespace name" },
        { ["--argocd-namespace", "-argo"], "--argocd-namespace -argo: not a namespace name" },
        { ["--image", "ghcr.io/x/hotswap: 1"], "--image 'ghcr.io/x/hotswap: 1': not an image reference" },
        { ["--role-arn", "hotswap-operator"], "--role-arn hotswap-operator: not an IAM role ARN" },
        { ["--role-arn", "arn:aws:iam::123456789012:role/x", "--pod-identity"], "--role-arn and --pod-identity exclude each other" },
    };

    [Theory, MemberData(nameof(BadFlags))]
    public void A_bad_value_fails_with_a_line_that_names_it_and_prints_nothing(string[] flags, string message)
    {
        var run = Cli.Run(["install", .. flags]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(message, run.Error);
        Assert.Equal("", run.Out);
    }

    /// <summary>
    /// Against the test API server as ControlPlane loads it (hotswap's CRDs already there, the
    /// argocd namespace present): every object is created or configured, and a second apply
    /// changes nothing. The Deployment, PodDisruptionBudget and RBAC read back as written.
    /// </summary>
    [SkippableTheory]
    [InlineData("hotswap-system")]
    [InlineData("platform-hotswap")]
    public async Task The_output_applies_to_the_test_API_server_and_applies_again_unchanged(string ns)
    {
        Peer.Require("kubectl");
        await using var server = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared);
        var kubectl = new Kubectl(server.WriteKubeconfig(Path.Combine(dir, $"kubeconfig-{ns}")), Path.Combine(dir, $"cache-{ns}"));
        var run = Cli.Run("install", "--namespace", ns);
        Assert.True(run.ExitCode == 0, run.Error);
        var objects = Objects(run.Out);

        var first = await kubectl.RunWithInput(run.Out, "apply", "-f", "-");
        Assert.True(first.Ok, first.ToString());
        Assert.Equal(objects.Count, Lines(first.Out).Count);
        var pdbVersion = await kubectl.Run("get", "pdb", "hotswap", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}");
        var again = await kubectl.RunWithInput(run.Out, "apply", "-f", "-");
        Assert.True(again.Ok, again.ToString());
        // kubectl always sends a PodDisruptionBudget's selector again (its patch strategy is
        // "replace", so the patch is never empty) and says "configured"; the server changes nothing.
        Assert.All(Lines(again.Out).Where(l => !l.StartsWith("poddisruptionbudget", StringComparison.Ordinal)),
            line => Assert.EndsWith(" unchanged", line));
        Assert.Equal(pdbVersion.Out, (await kubectl.Run("get", "pdb", "hotswap", "-n", ns, "-o", "jsonpath={.metadata.resourceVersion}")).Out);

        var deployment = await kubectl.Run("get", "deployment", "hotswap", "-n", ns, "-o", "json");
        Assert.True(deployment.Ok, deployment.ToString());
        var stored = JsonNode.Parse(deployment.Out)!;
        Assert.True(JsonNode.DeepEquals(Deployment(objects)["spec"]!["template"]!["spec"], stored["spec"]!["template"]!["spec"]),
            stored["spec"]!["template"]!["spec"]!.ToJsonString());
        var got = await kubectl.Run("get", "pdb,role,rolebinding,serviceaccount,service", "-n", ns, "-o", "name");
        Assert.Equal(
            ["poddisruptionbudget.policy/hotswap", "role.rbac.authorization.k8s.io/hotswap-leader-election",
             "rolebinding.rbac.authorization.k8s.io/hotswap-leader-election", "service/hotswap-metrics", "serviceaccount/hotswap"],
            Lines(got.Out).Order(StringComparer.Ordinal));
        var argo = await kubectl.Run("get", "role,rolebinding", "-n", ControlPlane.ArgoNamespace, "-o", "name");
        Assert.Equal(["role.rbac.authorization.k8s.io/hotswap-argocd", "rolebinding.rbac.authorization.k8s.io/hotswap-argocd"], Lines(argo.Out));
    }

    /// <summary>
    /// The overlay docs/install.md shows, rendered by kubectl beside a link to deploy/: the ArgoCD
    /// Role stays in argocd although the overlay sets a namespace, and apart from the two things
    /// only the overlay adds (AWS_REGION, --prometheus-url) it is what hotswap install prints
    /// for the same namespace, image and role.
    /// </summary>
    [SkippableFact]
    public async Task The_overlay_in_docs_install_md_renders_with_kubectl()
    {
        var doc = RepoFiles.Read("docs", "install.md");
        var section = doc[doc.IndexOf("### With kubectl (kustomize)", StringComparison.Ordinal)..];
        var start = section.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var overlay = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Directory.CreateDirectory(Path.Combine(dir, "overlay"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "deploy"), RepoFiles.PathOf("deploy"));
        File.WriteAllText(Path.Combine(dir, "overlay", "kustomization.yaml"), overlay);

        var rendered = Objects((await Kustomize(Path.Combine(dir, "overlay"))).Out);

        Assert.Equal(["Role/argocd/hotswap-argocd", "RoleBinding/argocd/hotswap-argocd"],
            rendered.Where(o => Namespace(o) is { } ns && ns != "platform-hotswap").Select(Id).Order(StringComparer.Ordinal));
        var container = Container(rendered);
        Assert.Contains(container["env"]!.AsArray(), e => e!["name"]!.GetValue<string>() == "AWS_REGION");
        Assert.Contains("--prometheus-url=http://prometheus-operated.monitoring:9090", Strings(container["args"]));
        container["env"]!.AsArray().RemoveAt(container["env"]!.AsArray().Count - 1);
        container["args"]!.AsArray().RemoveAt(container["args"]!.AsArray().Count - 1);
        var installed = Install("--namespace", "platform-hotswap", "--image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/hotswap:0.1.0",
            "--role-arn", "arn:aws:iam::123456789012:role/hotswap-operator");
        Assert.Equal(installed.Select(Id), rendered.Select(Id));
        foreach (var (k, i) in rendered.Zip(installed))
            Assert.True(JsonNode.DeepEquals(k, i), $"{Id(k)} differs:\nkustomize: {k.ToJsonString()}\ninstall:   {i.ToJsonString()}");
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
