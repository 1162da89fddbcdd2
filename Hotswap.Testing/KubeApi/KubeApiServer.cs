using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// A stateful Kubernetes API server for tests, good enough for kubectl and KubernetesClient:
/// discovery, OpenAPI v3, CRUD, patches, server-side apply, status subresource, watches with
/// bookmarks, finalizers, garbage collection and CRD schemas. Plain HTTP on 127.0.0.1.
/// Start with <see cref="StartAsync"/>, point clients at <see cref="Url"/> (or a kubeconfig from
/// <see cref="WriteKubeconfig"/>), and dispose to stop. See docs/e2e.md.
/// </summary>
public sealed partial class KubeApiServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly KubeApiServerOptions options;
    private readonly ConcurrentQueue<string> requests = new();
    private readonly CancellationTokenSource stopping = new();

    private KubeApiServer(WebApplication app, KubeApiServerOptions options, KubeStore store)
    {
        this.app = app;
        this.options = options;
        Store = store;
    }

    public KubeStore Store { get; }
    public ResourceCatalog Catalog => Store.Catalog;
    public int Port { get; private set; }
    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>"GET /api/v1/namespaces/default/secrets" for every request so far, in order.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    public static async Task<KubeApiServer> StartAsync(KubeApiServerOptions? options = null, CancellationToken cancel = default)
    {
        options ??= new KubeApiServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var store = new KubeStore(new ResourceCatalog(), options.HistoryLimit);
        var server = new KubeApiServer(app, options, store);
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
            server.Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        foreach (var path in options.Load) server.Load(path);
        app.Run(server.Handle);
        await app.StartAsync(cancel);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Port = new Uri(address).Port;
        return server;
    }

    /// <summary>Creates or replaces each object in the manifests at <paramref name="path"/> (file or folder); CRDs first; missing namespaces are created.</summary>
    public void Load(string path)
    {
        var objects = YamlJson.ReadPath(path);
        foreach (var o in objects.Where(o => o["kind"]?.ToString() == "CustomResourceDefinition")) Apply(o);
        foreach (var o in objects.Where(o => o["kind"]?.ToString() != "CustomResourceDefinition")) Apply(o);
    }

    /// <summary>Creates <paramref name="obj"/>, or replaces the object of that name; creates its namespace if missing. Returns the stored object.</summary>
    public JsonObject Apply(JsonObject obj)
    {
        var type = Catalog.FindKind(obj["apiVersion"]?.ToString() ?? "", obj["kind"]?.ToString() ?? "")
            ?? throw new InvalidOperationException($"no resource serves {obj["apiVersion"]} {obj["kind"]}");
        var ns = type.Namespaced ? obj["metadata"]?["namespace"]?.ToString() ?? "default" : null;
        if (ns is not null && Store.Find(Catalog.Find("", "v1", "namespaces")!, null, ns) is null)
            Apply(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        var name = obj["metadata"]?["name"]?.ToString() ?? throw new InvalidOperationException("the object has no metadata.name");
        var existing = Store.Find(type, ns, name);
        if (existing is null)
        {
            var created = Store.Create(type, ns, obj);
            return type.HasStatus && obj["status"] is { } status
                ? Store.Update(type, ns, name, new JsonObject { ["status"] = status.DeepClone(), ["metadata"] = created["metadata"]!.DeepClone() }, "status")
                : created;
        }
        var replacement = (JsonObject)obj.DeepClone();
        ((JsonObject)replacement["metadata"]!)["resourceVersion"] = existing["metadata"]!["resourceVersion"]!.DeepClone();
        var updated = Store.Update(type, ns, name, replacement);
        return type.HasStatus && obj["status"] is { } s2
            ? Store.Update(type, ns, name, new JsonObject { ["status"] = s2.DeepClone(), ["metadata"] = updated["metadata"]!.DeepClone() }, "status")
            : updated;
    }

    /// <summary>Writes a kubeconfig whose current context points at this server (namespace <paramref name="ns"/>) and returns its path.</summary>
    public string WriteKubeconfig(string path, string ns = "default")
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: hotswap-test
              cluster:
                server: {Url}
            users:
            - name: hotswap-test
              user:
                token: hotswap-test
            contexts:
            - name: hotswap-test
              context:
                cluster: hotswap-test
                user: hotswap-test
                namespace: {ns}
            current-context: hotswap-test
            """);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        // Open watches end first, so stopping does not wait for clients that never hang up.
        await stopping.CancelAsync();
        await app.StopAsync();
        stopping.Dispose();
        await app.DisposeAsync();
    }

    /// <summary>JSON as the API server writes it: quotes and angle brackets unescaped.</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions Json =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task WriteJson(HttpContext ctx, int code, JsonNode body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = contentType;
        await ctx.Response.WriteAsync(body.ToJsonString(Json), Encoding.UTF8);
    }

    private async Task Handle(HttpContext ctx)
    {
        requests.Enqueue($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}");
        try
        {
            if (options.FailWrites && !HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
                throw new KubeStatus(500, "InternalError", $"this test server fails every write ({ctx.Request.Method} {ctx.Request.Path})");
            await Route(ctx);
        }
        catch (KubeStatus status)
        {
            if (!ctx.Response.HasStarted) await WriteJson(ctx, status.Code, status.ToJson());
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException
            or ArgumentException or KeyNotFoundException or InvalidCastException or System.Text.Json.JsonException)
        {
            // A bug of this test server: answer as the real API answers its own bugs, with the cause.
            var status = new KubeStatus(500, "InternalError", $"test API server failed: {e}");
            if (!ctx.Response.HasStarted) await WriteJson(ctx, 500, status.ToJson());
        }
    }
}
