using System.Collections.Concurrent;
using System.Text;
using Hotswap.Testing.Aws;
using Microsoft.AspNetCore.Http;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// A loopback proxy in front of moto that keeps every request in arrival order (<see cref="Calls"/>):
/// its operation, the access key id that signed it (so a replica's calls can be told from
/// another's) and its body — every ModifyRule is a weight configuration the rule held. Counting
/// happens here, at the server side, never in the operator. One answer is changed on the way back:
/// see <see cref="UniqueEndpoint"/>.
/// </summary>
public sealed class AwsRecorder : IAsyncDisposable
{
    private readonly LoopbackServer server;
    private readonly ConcurrentQueue<AwsCall> calls = new();
    private long sequence = -1;

    private AwsRecorder(LoopbackServer server) => this.server = server;

    /// <summary>http://127.0.0.1:PORT/ — what AWS_ENDPOINT_URL points at.</summary>
    public Uri Url => server.Url;

    /// <summary>Every call so far, in arrival order.</summary>
    public IReadOnlyList<AwsCall> Calls => [.. calls.OrderBy(c => c.Sequence)];

    /// <summary>The sequence number the next call will get: take it before an action, filter with <see cref="Since"/> after.</summary>
    public long Mark => Interlocked.Read(ref sequence) + 1;

    /// <summary>Calls from <paramref name="mark"/> on (see <see cref="Mark"/>).</summary>
    public IReadOnlyList<AwsCall> Since(long mark) => [.. Calls.Where(c => c.Sequence >= mark)];

    /// <summary>Every ModifyRule of <paramref name="ruleArn"/>, in order: each forward configuration the rule was given.</summary>
    public IReadOnlyList<AwsCall> ModifyRules(string ruleArn) =>
        [.. Calls.Where(c => c.Operation == "elbv2.ModifyRule" && c.Parameter("RuleArn") == ruleArn)];

    /// <summary>Calls by operation, sorted, from <paramref name="mark"/> on.</summary>
    public IReadOnlyList<(string Operation, int Calls)> Counts(long mark = 0) =>
        [.. Since(mark).GroupBy(c => c.Operation).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))];

    public static async Task<AwsRecorder> StartAsync(Uri moto)
    {
        var http = new HttpClient { BaseAddress = moto };
        AwsRecorder? recorder = null;
        var server = await LoopbackServer.StartAsync(ctx => recorder!.ForwardAsync(ctx, http));
        recorder = new AwsRecorder(server);
        return recorder;
    }

    private async Task ForwardAsync(HttpContext ctx, HttpClient upstream)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var text = Encoding.UTF8.GetString(body);
        var at = DateTimeOffset.UtcNow;
        var number = Interlocked.Increment(ref sequence);
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), ctx.Request.Path + ctx.Request.QueryString);
        foreach (var h in ctx.Request.Headers)
            if (!h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && h.Key != "Host")
                request.Headers.TryAddWithoutValidation(h.Key, h.Value.ToArray());
        if (body.Length > 0 || ctx.Request.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (ctx.Request.ContentType is { } type) request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        using var response = await upstream.SendAsync(request);
        var operation = FaultProxy.OperationOf(ctx.Request, text);
        calls.Enqueue(new AwsCall(number, at, operation, AccessKeyOf(ctx.Request), text, (int)response.StatusCode));
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (operation == "eks.DescribeCluster" && response.IsSuccessStatusCode) answer = UniqueEndpoint(answer);
        ctx.Response.StatusCode = (int)response.StatusCode;
        foreach (var h in response.Content.Headers.Where(h => h.Key == "Content-Type"))
            ctx.Response.Headers[h.Key] = h.Value.ToArray();
        foreach (var h in response.Headers.Where(h => h.Key.StartsWith("x-amz", StringComparison.OrdinalIgnoreCase)))
            ctx.Response.Headers[h.Key] = h.Value.ToArray();
        await ctx.Response.Body.WriteAsync(answer);
    }

    /// <summary>
    /// moto 5.2.1 makes one endpoint per process and gives it to every EKS cluster; real EKS
    /// endpoints are unique per cluster, and ArgoCD (so hotswap) keys clusters by server URL. So the
    /// recorder puts the cluster's name in front of the host: https://NAME.RANDOM.RANDOM.us-east-1.eks.amazonaws.com/.
    /// </summary>
    private static byte[] UniqueEndpoint(byte[] answer)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(answer) is not System.Text.Json.Nodes.JsonObject json
            || json["cluster"] is not System.Text.Json.Nodes.JsonObject cluster
            || cluster["endpoint"]?.ToString() is not { Length: > 0 } endpoint
            || cluster["name"]?.ToString() is not { Length: > 0 } name) return answer;
        cluster["endpoint"] = endpoint.Replace("https://", $"https://{name}.", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>"AKID" from "AWS4-HMAC-SHA256 Credential=AKID/20261205/us-east-1/elasticloadbalancing/aws4_request, …".</summary>
    private static string AccessKeyOf(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        var at = auth.IndexOf("Credential=", StringComparison.Ordinal);
        if (at < 0) return "";
        var rest = auth[(at + "Credential=".Length)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? rest : rest[..slash];
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
