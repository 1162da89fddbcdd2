using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Testing.Aws;

/// <summary>
/// A loopback proxy in front of an AWS endpoint (moto): counts calls by operation
/// ("elbv2.DescribeRules", "eks.DescribeCluster") as the server sees them, and answers chosen
/// calls with a <see cref="Fault"/> instead of forwarding them.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly LoopbackServer server;
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> planned = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> log = new();

    private FaultProxy(LoopbackServer server) => this.server = server;

    public Uri Url => server.Url;

    public static async Task<FaultProxy> StartAsync(Uri upstream)
    {
        var http = new HttpClient { BaseAddress = upstream };
        FaultProxy? proxy = null;
        var server = await LoopbackServer.StartAsync(ctx => proxy!.HandleAsync(ctx, http));
        proxy = new FaultProxy(server);
        return proxy;
    }

    /// <summary>The next calls of <paramref name="operation"/> get these faults, one each, in order.</summary>
    public void Plan(string operation, params Fault[] faults)
    {
        var queue = planned.GetOrAdd(operation, _ => new ConcurrentQueue<Fault>());
        foreach (var f in faults) queue.Enqueue(f);
    }

    /// <summary>Calls of <paramref name="operation"/> received, faulted ones included.</summary>
    public int Count(string operation) => counts.GetValueOrDefault(operation);

    /// <summary>Every operation and its count, sorted.</summary>
    public IReadOnlyList<(string Operation, int Calls)> Counts() =>
        counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToList();

    public void ResetCounts()
    {
        counts.Clear();
        planned.Clear();
        log.Clear();
    }

    private async Task HandleAsync(HttpContext ctx, HttpClient upstream)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var operation = OperationOf(ctx.Request, Encoding.UTF8.GetString(body));
        counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
        log.Enqueue(operation);
        if (planned.TryGetValue(operation, out var queue) && queue.TryDequeue(out var fault))
        {
            await FailAsync(ctx, fault, operation.StartsWith("eks.", StringComparison.Ordinal));
            return;
        }
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
        ctx.Response.StatusCode = (int)response.StatusCode;
        foreach (var h in response.Content.Headers.Where(h => h.Key == "Content-Type"))
            ctx.Response.Headers[h.Key] = h.Value.ToArray();
        foreach (var h in response.Headers.Where(h => h.Key.StartsWith("x-amz", StringComparison.OrdinalIgnoreCase)))
            ctx.Response.Headers[h.Key] = h.Value.ToArray();
        await ctx.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>"elbv2.ACTION" from a Query body, "eks.ListClusters"/"eks.DescribeCluster" from a REST path, "sts.ACTION", else METHOD PATH.</summary>
    public static string OperationOf(HttpRequest request, string body)
    {
        var auth = request.Headers.Authorization.ToString();
        var service = auth.Contains("/elasticloadbalancing/", StringComparison.Ordinal) ? "elbv2"
            : auth.Contains("/sts/", StringComparison.Ordinal) ? "sts"
            : auth.Contains("/eks/", StringComparison.Ordinal) ? "eks" : "";
        var action = body.Split('&').Select(p => p.Split('=', 2)).FirstOrDefault(p => p[0] == "Action")?.ElementAtOrDefault(1);
        if (action is not null && service.Length > 0) return $"{service}.{Uri.UnescapeDataString(action)}";
        var path = request.Path.Value ?? "";
        if (service == "eks" && path.StartsWith("/clusters", StringComparison.Ordinal))
            return path.TrimEnd('/') == "/clusters" ? "eks.ListClusters" : "eks.DescribeCluster";
        return $"{request.Method} {path}";
    }

    private static async Task FailAsync(HttpContext ctx, Fault fault, bool json)
    {
        if (fault == Fault.Drop)
        {
            ctx.Abort();
            return;
        }
        var (status, code, message) = fault switch
        {
            Fault.Throttling => (400, "Throttling", "Rate exceeded"),
            Fault.InternalError => (500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."),
            Fault.Unavailable => (503, "ServiceUnavailable", "Service is unable to handle request."),
            _ => (403, "AccessDenied", "User: arn:aws:iam::123456789012:user/test is not authorized to perform this action"),
        };
        if (json && fault == Fault.Throttling) (status, code) = (429, "ThrottlingException");
        ctx.Response.StatusCode = status;
        if (json)
        {
            ctx.Response.ContentType = "application/json";
            ctx.Response.Headers["x-amzn-ErrorType"] = code;
            await ctx.Response.WriteAsync($"{{\"message\":\"{message}\"}}");
        }
        else
        {
            ctx.Response.ContentType = "text/xml";
            await ctx.Response.WriteAsync(
                $"<ErrorResponse xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"><Error><Type>Sender</Type>" +
                $"<Code>{code}</Code><Message>{message}</Message></Error><RequestId>4c1a4b4e-0000-4000-8000-000000000000</RequestId></ErrorResponse>");
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
