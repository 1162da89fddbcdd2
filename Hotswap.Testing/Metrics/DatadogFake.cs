using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Testing.Metrics;

/// <summary>
/// A loopback Datadog /api/v1/query as Datadog documents it: the DD-API-KEY and DD-APPLICATION-KEY
/// headers are checked (403 {"errors":["Forbidden"]} otherwise), and each query is answered with
/// the JSON the test set for it (series with pointlists, status "error", ...).
/// </summary>
public sealed class DatadogFake : IAsyncDisposable
{
    public const string ApiKey = "0123456789abcdef0123456789abcdef";
    public const string ApplicationKey = "fedcba9876543210fedcba9876543210fedcba98";

    private readonly LoopbackServer server;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> answers;

    private DatadogFake(LoopbackServer server, ConcurrentDictionary<string, (int, string)> answers)
    {
        this.server = server;
        this.answers = answers;
    }

    public Uri Url => server.Url;

    /// <summary>Every request's query string parameters, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    /// <summary>Seconds to wait before answering (for timeouts).</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<DatadogFake> StartAsync()
    {
        var answers = new ConcurrentDictionary<string, (int, string)>(StringComparer.Ordinal);
        DatadogFake? fake = null;
        var server = await LoopbackServer.StartAsync(ctx => fake!.HandleAsync(ctx));
        fake = new DatadogFake(server, answers);
        return fake;
    }

    /// <summary>Answers <paramref name="query"/> with <paramref name="body"/> and HTTP <paramref name="status"/>.</summary>
    public void Answer(string query, string body, int status = 200) => answers[query] = (status, body);

    /// <summary>A status "ok" answer with one series per pointlist; a point is [ms, value-or-null].</summary>
    public static string Series(string query, params (long Ms, double? Value)[][] pointlists) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["status"] = "ok",
            ["res_type"] = "time_series",
            ["query"] = query,
            ["series"] = pointlists.Select((points, i) => new Dictionary<string, object?>
            {
                ["metric"] = "trace.http.request.errors",
                ["scope"] = $"service:web,cluster:c{i}",
                ["pointlist"] = points.Select(p => new object?[] { p.Ms, p.Value }).ToArray(),
                ["length"] = points.Length,
            }).ToArray(),
        });

    private async Task HandleAsync(HttpContext ctx)
    {
        Requests.Enqueue(ctx.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, ctx.RequestAborted);
        ctx.Response.ContentType = "application/json";
        if (ctx.Request.Path != "/api/v1/query")
        {
            ctx.Response.StatusCode = 404;
            await ctx.Response.WriteAsync("{\"errors\":[\"Not found\"]}");
            return;
        }
        if (ctx.Request.Headers["DD-API-KEY"] != ApiKey || ctx.Request.Headers["DD-APPLICATION-KEY"] != ApplicationKey)
        {
            ctx.Response.StatusCode = 403;
            await ctx.Response.WriteAsync("{\"errors\":[\"Forbidden\"]}");
            return;
        }
        var query = ctx.Request.Query["query"].ToString();
        var (status, body) = answers.TryGetValue(query, out var a)
            ? a
            : (200, JsonSerializer.Serialize(new { status = "ok", res_type = "time_series", query, series = Array.Empty<object>() }));
        ctx.Response.StatusCode = status;
        await ctx.Response.WriteAsync(body);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
