namespace Hotswap.Integration.Tests;

/// <summary>The upstream schemas the integration tests read are where the tests look for them.</summary>
public sealed class SharedFolderTests
{
    [Theory]
    [InlineData("upstream", "argocd", "application-crd.yaml")]
    [InlineData("upstream", "argocd", "applicationset-crd.yaml")]
    [InlineData("upstream", "aws-load-balancer-controller", "targetgroupbindings-crd.yaml")]
    [InlineData("upstream", "aws", "elbv2-service-2.json")]
    [InlineData("upstream", "aws", "eks-service-2.json")]
    public void Upstream_schema_is_readable(params string[] parts)
    {
        var text = File.ReadAllText(RepoFiles.SharedPath(parts));
        Assert.True(text.Length > 1000, $"{string.Join("/", parts)} has only {text.Length} characters");
    }
}
