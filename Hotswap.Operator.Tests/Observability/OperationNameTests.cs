using Hotswap.Operator.Observability;

namespace Hotswap.Operator.Tests.Observability;

/// <summary>How requests are named in hotswap_kubernetes_requests_total and hotswap_aws_requests_total.</summary>
public sealed class OperationNameTests
{
    [Theory]
    [InlineData("GET", "/apis/hotswap.mumoshu.github.io/v1alpha1/namespaces/team-a/systems", "list systems")]
    [InlineData("GET", "/apis/hotswap.mumoshu.github.io/v1alpha1/systems?watch=true&resourceVersion=7", "watch systems")]
    [InlineData("GET", "/api/v1/watch/namespaces/argocd/secrets", "watch secrets")]
    [InlineData("PUT", "/apis/hotswap.mumoshu.github.io/v1alpha1/namespaces/team-a/systems/mysystem/status", "update systems/status")]
    [InlineData("PATCH", "/api/v1/namespaces/argocd/secrets/mysystem-web-1-v2", "patch secrets")]
    [InlineData("GET", "/apis/coordination.k8s.io/v1/namespaces/hotswap-system/leases/hotswap-operator", "get leases")]
    [InlineData("POST", "/apis/events.k8s.io/v1/namespaces/team-a/events", "create events")]
    [InlineData("DELETE", "/apis/batch/v1/namespaces/team-a/jobs/precheck-1", "delete jobs")]
    [InlineData("GET", "/api/v1/namespaces/team-a", "get namespaces")]
    [InlineData("GET", "/version", "get /version")]
    public void Kubernetes_requests_are_named_by_verb_and_resource(string method, string path, string expected) =>
        Assert.Equal(expected, KubernetesOperation.Of(new HttpMethod(method), new Uri("https://10.0.0.1:443" + path)));

    [Theory]
    [InlineData(200, "ok")]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(410, "Gone")]
    [InlineData(429, "TooManyRequests")]
    [InlineData(503, "ServerError")]
    public void Kubernetes_results_are_named_by_status(int status, string expected) =>
        Assert.Equal(expected, KubernetesOperation.Result(status));

    [Fact]
    public void The_AWS_service_is_the_one_the_request_is_signed_for() =>
        Assert.Equal("elasticloadbalancing", AwsOperation.Service(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261124/us-west-2/elasticloadbalancing/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"));

    [Theory]
    [InlineData("Action=ModifyRule&Version=2015-12-01&RuleArn=x", "", "ModifyRule")]
    [InlineData(null, "?Action=DescribeRules&Version=2015-12-01", "DescribeRules")]
    public void Query_protocol_operations_are_their_Action(string? body, string query, string expected) =>
        Assert.Equal(expected, AwsOperation.QueryAction(body, query));

    [Theory]
    [InlineData("GET", "/clusters", "ListClusters")]
    [InlineData("GET", "/clusters/mycluster-web-1-v2", "DescribeCluster")]
    public void EKS_operations_are_named_by_method_and_path(string method, string path, string expected) =>
        Assert.Equal(expected, AwsOperation.EksOperation(new HttpMethod(method), path));
}
