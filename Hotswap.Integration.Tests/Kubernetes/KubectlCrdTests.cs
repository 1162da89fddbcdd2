using Hotswap.Testing.KubeApi;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>CRDs created through the API with kubectl, on a fresh server per test.</summary>
public sealed class KubectlCrdTests : IAsyncLifetime
{
    private KubeApiServer server = null!;
    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-kubeapi-crd-").FullName;

    public async Task InitializeAsync() => server = await KubeApiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private Kubectl Kubectl()
    {
        Peer.Require("kubectl");
        return new Kubectl(server.WriteKubeconfig(Path.Combine(dir, "kubeconfig")), Path.Combine(dir, "cache"));
    }

    [SkippableFact]
    public async Task The_upstream_CRDs_apply_and_their_kinds_are_then_served()
    {
        var kubectl = Kubectl();
        var tgb = await kubectl.Run("apply", "-f", RepoFiles.SharedPath("upstream", "aws-load-balancer-controller", "targetgroupbindings-crd.yaml"));
        Assert.True(tgb.Ok, tgb.ToString());
        Assert.Equal("customresourcedefinition.apiextensions.k8s.io/targetgroupbindings.elbv2.k8s.aws created", tgb.Out.Trim());
        var argo = await kubectl.Run("apply", "--server-side", "-f", RepoFiles.SharedPath("upstream", "argocd"));
        Assert.True(argo.Ok, argo.ToString());
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/applicationsets.argoproj.io serverside-applied", argo.Out);

        var established = await kubectl.Run("wait", "--for", "condition=Established", "crd/applications.argoproj.io", "--timeout=5s");
        Assert.True(established.Ok, established.ToString());
        var resources = await kubectl.Run("api-resources", "--api-group=argoproj.io", "-o", "name");
        Assert.Equal("applications.argoproj.io\napplicationsets.argoproj.io", resources.Out.Trim());

        var app = await kubectl.RunWithInput(Manifests.Application("default", "web"), "apply", "-f", "-");
        Assert.True(app.Ok, app.ToString());
        var binding = await kubectl.RunWithInput(Manifests.TargetGroupBinding("default", "web"), "apply", "-f", "-");
        Assert.True(binding.Ok, binding.ToString());
        Assert.Equal("application.argoproj.io/web", (await kubectl.Run("get", "applications", "-o", "name")).Out.Trim());
    }

    [SkippableFact]
    public async Task Client_side_apply_of_the_ApplicationSet_CRD_is_too_long_for_its_annotation()
    {
        var kubectl = Kubectl();
        var applied = await kubectl.Run("apply", "-f", RepoFiles.SharedPath("upstream", "argocd", "applicationset-crd.yaml"));
        Assert.False(applied.Ok);
        Assert.Contains("The CustomResourceDefinition \"applicationsets.argoproj.io\" is invalid: metadata.annotations: Too long: must have at most 262144 bytes", applied.Err);
    }

    [SkippableFact]
    public async Task Deleting_a_CRD_removes_its_resource_and_objects()
    {
        var kubectl = Kubectl();
        Assert.True((await kubectl.Run("apply", "-f", RepoFiles.SharedPath("upstream", "aws-load-balancer-controller", "targetgroupbindings-crd.yaml"))).Ok);
        Assert.True((await kubectl.RunWithInput(Manifests.TargetGroupBinding("default", "web"), "apply", "-f", "-")).Ok);
        var deleted = await kubectl.Run("delete", "crd", "targetgroupbindings.elbv2.k8s.aws");
        Assert.True(deleted.Ok, deleted.ToString());
        var crds = await kubectl.Run("get", "crds", "-o", "name");
        Assert.Equal("", crds.Out.Trim());
        // kubectl still knows the resource from its discovery cache; the server no longer serves it.
        var gone = await kubectl.Run("get", "targetgroupbindings");
        Assert.True(gone.Err.Contains("Unable to list \"elbv2.k8s.aws/v1beta1, Resource=targetgroupbindings\": the server could not find the requested resource"), gone.ToString());
    }
}
