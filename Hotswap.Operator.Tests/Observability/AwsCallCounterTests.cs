using System.Net;
using System.Text;
using Amazon.Runtime;
using Hotswap.Effects.Aws;
using Hotswap.Operator.Observability;

namespace Hotswap.Operator.Tests.Observability;

/// <summary>
/// AWS requests as hotswap sends them (signed with SigV4, to a custom endpoint as moto or a VPC
/// endpoint is) are counted by the service they are signed for and their operation. The end-to-end
/// suite found every request counted as service "unknown": the typed Authorization header does not
/// parse a SigV4 value, so the counter must read the raw one.
/// </summary>
public sealed class AwsCallCounterTests
{
    [Theory]
    [InlineData("elasticloadbalancing", "POST", "/", "Action=ModifyRule&Version=2015-12-01&RuleArn=x", "ModifyRule")]
    [InlineData("eks", "GET", "/clusters/mycluster-web-1-v2", null, "DescribeCluster")]
    public async Task A_signed_request_is_counted_by_the_service_it_is_signed_for_and_its_operation(
        string service, string method, string path, string? body, string operation)
    {
        var metrics = new OperatorMetrics(processMetrics: false);
        using var http = new HttpClient(new AwsCallCounter(metrics) { InnerHandler = new Answer() });
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("http://127.0.0.1:5000" + path));
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }
        SigV4.Sign(request, bytes, new ImmutableCredentials("AKIDEXAMPLE", "secret", null), "us-east-1", service,
            new DateTime(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc));

        (await http.SendAsync(request)).Dispose();

        using var text = new MemoryStream();
        await metrics.WriteAsync(text, CancellationToken.None);
        Assert.Contains($"hotswap_aws_requests_total{{service=\"{service}\",operation=\"{operation}\",result=\"ok\"}} 1",
            Encoding.UTF8.GetString(text.ToArray()), StringComparison.Ordinal);
    }

    /// <summary>AWS answering 200 to everything.</summary>
    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
    }
}
