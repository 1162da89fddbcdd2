using System.Text.RegularExpressions;
using System.Web;

namespace Hotswap.Operator.Observability;

/// <summary>
/// Names an AWS request by service and operation as AWS's documentation does. The service is the
/// one the request is signed for (the SigV4 credential scope: <c>Credential=AKID/20261124/us-west-2/eks/aws4_request</c>),
/// since one endpoint may serve several (a VPC endpoint, or moto in tests). Query-protocol services
/// (ELBv2, STS) name the operation in their <c>Action</c> parameter; EKS's REST API in its method and path:
/// <c>GET /clusters</c> → ListClusters, <c>GET /clusters/NAME</c> → DescribeCluster.
/// </summary>
public static partial class AwsOperation
{
    [GeneratedRegex(@"Credential=[^/,\s]+/\d{8}/[^/]+/(?<service>[^/]+)/aws4_request")]
    private static partial Regex Scope();

    /// <summary>The service the Authorization header is signed for; "unknown" when unsigned.</summary>
    public static string Service(string? authorization) =>
        authorization is not null && Scope().Match(authorization) is { Success: true } m ? m.Groups["service"].Value : "unknown";

    /// <summary>The Action of a Query-protocol request: from the form body, else the query string.</summary>
    public static string QueryAction(string? formBody, string query)
    {
        foreach (var source in new[] { formBody ?? "", query.TrimStart('?') })
            if (HttpUtility.ParseQueryString(source)["Action"] is { Length: > 0 } action) return action;
        return "unknown";
    }

    /// <summary>EKS's REST operations hotswap uses (and their neighbours), by method and path.</summary>
    public static string EksOperation(HttpMethod method, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return (method.Method, segments) switch
        {
            ("GET", ["clusters"]) => "ListClusters",
            ("GET", ["clusters", _]) => "DescribeCluster",
            ("POST", ["clusters"]) => "CreateCluster",
            ("DELETE", ["clusters", _]) => "DeleteCluster",
            ("GET", ["clusters", _, "node-groups"]) => "ListNodegroups",
            ("GET", ["clusters", _, "node-groups", _]) => "DescribeNodegroup",
            ("GET", ["clusters", _, "access-entries"]) => "ListAccessEntries",
            _ => $"{method.Method} /{(segments.Length > 0 ? segments[0] : "")}",
        };
    }
}
