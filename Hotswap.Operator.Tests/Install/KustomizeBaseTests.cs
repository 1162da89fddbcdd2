using Hotswap.Operator.Install;
using Hotswap.Testing.KubeApi;
using static Hotswap.Operator.Tests.Install.Rendered;

namespace Hotswap.Operator.Tests.Install;

/// <summary>
/// The part of kustomize <c>hotswap install</c> carries: resources (files and folders), in
/// kustomize's order — checked against kubectl's kustomize on ids that tell its ordering rules
/// apart — and a refusal, naming the field, of anything else a kustomization might say.
/// </summary>
public sealed class KustomizeBaseTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-kustomize-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private static string Manifest(string apiVersion, string kind, string name, string? ns) =>
        $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n" + (ns is null ? "" : $"  namespace: {ns}\n");

    /// <summary>
    /// Namespaces that are prefixes of each other ("a", "a-", "ab"), no namespace (sorted last),
    /// kinds kustomize ranks and kinds it does not (by group, core last), names that are prefixes.
    /// </summary>
    [SkippableFact]
    public async Task Objects_come_out_in_the_order_kubectl_kustomize_puts_them()
    {
        Peer.Require("kubectl");
        var manifests = new[]
        {
            Manifest("v1", "ConfigMap", "x", "a"), Manifest("v1", "ConfigMap", "x", "ab"), Manifest("v1", "ConfigMap", "x", "a-"),
            Manifest("v1", "ConfigMap", "x-y", "q"), Manifest("v1", "ConfigMap", "x", "q"), Manifest("v1", "ConfigMap", "c", null),
            Manifest("example.com/v1", "Zebra", "c", null), Manifest("a.com/v1", "Zebra", "c", null), Manifest("a.com/v1", "Apple", "c", "n"),
            Manifest("v1", "Pod", "c", "n"), Manifest("policy/v1", "PodDisruptionBudget", "p", "n"), Manifest("v1", "Namespace", "n", null),
            Manifest("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "w", null),
            Manifest("apiextensions.k8s.io/v1", "CustomResourceDefinition", "zs.example.com", null),
        };
        Directory.CreateDirectory(Path.Combine(dir, "more"));
        File.WriteAllText(Path.Combine(dir, "some.yaml"), string.Join("---\n", manifests[..7]));
        File.WriteAllText(Path.Combine(dir, "more", "rest.yaml"), string.Join("---\n", manifests[7..]));
        File.WriteAllText(Path.Combine(dir, "more", "kustomization.yml"), "resources: [rest.yaml]\n");
        File.WriteAllText(Path.Combine(dir, "kustomization.yaml"), "resources:\n- more\n- ./some.yaml\n");

        var kustomized = await new Kubectl(Path.Combine(dir, "none"), Path.Combine(dir, "cache")).Run("kustomize", dir);
        Assert.True(kustomized.Ok, kustomized.ToString());
        var ours = Objects(InstallManifests.Yaml(KustomizeBase.Render(DeployFiles.FromDirectory(dir))));
        Assert.Equal(Objects(kustomized.Out).Select(Id), ours.Select(Id));
    }

    private static DeployFiles Base(string kustomization) => new(new Dictionary<string, string>
    {
        ["kustomization.yaml"] = kustomization,
        ["a.yaml"] = Manifest("v1", "ConfigMap", "a", "n"),
        ["sub/Kustomization"] = "resources: [../a.yaml]\n",
    });

    public static TheoryData<string, string> Refused => new()
    {
        { "resources: [a.yaml]\nnamePrefix: x-\n", "namePrefix is not supported by hotswap install" },
        { "resources: [a.yaml]\nnamespace: other\nimages: []\n", "namespace, images is not supported by hotswap install" },
        { "resources: [b.yaml]\n", "resource b.yaml does not exist" },
        { "resources: [https://github.com/x/y//deploy]\n", "is not a file or folder inside deploy/" },
        { "resources: [a.yaml, sub]\n", "ConfigMap|n|a is declared twice" },
        { "resources: [../a.yaml]\n", "leaves deploy/" },
    };

    [Theory, MemberData(nameof(Refused))]
    public void What_it_does_not_do_as_kustomize_does_is_refused_with_the_reason(string kustomization, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => KustomizeBase.Render(Base(kustomization)));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_folder_resource_is_rendered_through_its_own_kustomization()
    {
        var objects = KustomizeBase.Render(Base("resources: [sub]\n"));
        Assert.Equal(["ConfigMap/n/a"], Objects(InstallManifests.Yaml(objects)).Select(Id));
    }
}
