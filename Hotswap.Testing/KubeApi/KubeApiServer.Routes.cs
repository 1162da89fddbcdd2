using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Testing.KubeApi;

public sealed partial class KubeApiServer
{
    private async Task Route(HttpContext ctx)
    {
        var segs = (ctx.Request.Path.Value ?? "").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var get = HttpMethods.IsGet(ctx.Request.Method);
        switch (segs)
        {
            case [] when get:
                await WriteJson(ctx, 200, new JsonObject { ["paths"] = new JsonArray("/api", "/api/v1", "/apis", "/openapi/v3", "/version") });
                return;
            case ["version"] when get: await WriteJson(ctx, 200, Discovery.Version()); return;
            case ["healthz" or "readyz" or "livez"] when get:
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync("ok");
                return;
            case ["api"] when get: await WriteJson(ctx, 200, Discovery.ApiVersions($"127.0.0.1:{Port}")); return;
            case ["apis"] when get: await WriteJson(ctx, 200, Discovery.GroupList(Catalog)); return;
            case ["api", "v1"] when get: await WriteJson(ctx, 200, Discovery.ResourceList(Catalog, "", "v1")!); return;
            case ["apis", var g] when get:
                await WriteJson(ctx, 200, Discovery.ApiGroup(Catalog, g) ?? throw KubeStatus.PageNotFound());
                return;
            case ["apis", var g, var v] when get:
                await WriteJson(ctx, 200, Discovery.ResourceList(Catalog, g, v) ?? throw KubeStatus.PageNotFound());
                return;
            case ["openapi", "v3"] when get: await WriteJson(ctx, 200, Discovery.OpenApiRoot(Catalog)); return;
            case ["openapi", "v3", "api", var v] when get:
                await WriteJson(ctx, 200, Discovery.OpenApiDocument(Catalog, "", v) ?? throw KubeStatus.PageNotFound());
                return;
            case ["openapi", "v3", "apis", var g, var v] when get:
                await WriteJson(ctx, 200, Discovery.OpenApiDocument(Catalog, g, v) ?? throw KubeStatus.PageNotFound());
                return;
            case ["api", "v1", .. var rest] when rest.Length > 0: await Resource(ctx, "", "v1", rest); return;
            case ["apis", var g, var v, .. var rest] when rest.Length > 0: await Resource(ctx, g, v, rest); return;
            default: throw KubeStatus.PageNotFound();
        }
    }

    private async Task Resource(HttpContext ctx, string group, string version, string[] rest)
    {
        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }
        var type = Catalog.Find(group, version, rest[0]) ?? throw KubeStatus.PageNotFound();
        if (!type.Namespaced && ns is not null) throw KubeStatus.PageNotFound();
        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        if (rest.Length > 3 || (sub is not null && !(sub == "status" && type.HasStatus))) throw KubeStatus.PageNotFound();
        var q = ctx.Request.Query;
        var method = ctx.Request.Method;
        Authorize(ctx, type, ns, name, sub);
        var strict = q["fieldValidation"].ToString() == "Strict";
        var dryRun = q["dryRun"].ToString() == "All";
        if (name is null)
        {
            if (HttpMethods.IsGet(method) && IsTrue(q["watch"])) await WatchCollection(ctx, type, ns);
            else if (HttpMethods.IsGet(method)) await ListCollection(ctx, type, ns);
            else if (HttpMethods.IsPost(method))
                await Respond(ctx, 201, type, Store.Create(type, ns, await ReadObject(ctx), strict, dryRun));
            else if (HttpMethods.IsDelete(method)) await DeleteCollection(ctx, type, ns);
            else throw KubeStatus.MethodNotAllowed($"the server does not allow this method on the requested resource");
            return;
        }
        if (HttpMethods.IsGet(method)) await Respond(ctx, 200, type, Store.Get(type, ns, name));
        else if (HttpMethods.IsPut(method))
            await Respond(ctx, 200, type, Store.Update(type, ns, name, await ReadObject(ctx), sub, strict, dryRun));
        else if (HttpMethods.IsPatch(method))
        {
            var (obj, created) = Store.Patch(type, ns, name, ctx.Request.ContentType ?? "", await ReadBody(ctx), sub,
                q["fieldManager"].ToString(), strict, dryRun);
            await Respond(ctx, created ? 201 : 200, type, obj);
        }
        else if (HttpMethods.IsDelete(method))
        {
            var (obj, deleted) = Store.Delete(type, ns, name, await ReadDeleteOptions(ctx));
            // Custom resources answer with the deleted object; built-in kinds with a Success Status.
            if (deleted && !type.IsCustom) await WriteJson(ctx, 200, Success(type, obj));
            else await Respond(ctx, deleted ? 200 : 202, type, obj);
        }
        else throw KubeStatus.MethodNotAllowed("the server does not allow this method on the requested resource");
    }

    /// <summary>The request as an authorizer sees it; a refusal is the API's 403.</summary>
    private void Authorize(HttpContext ctx, ResourceType type, string? ns, string? name, string? sub)
    {
        if (options.Authorize is not { } authorize) return;
        var method = ctx.Request.Method;
        var verb = method switch
        {
            _ when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) =>
                name is not null ? "get" : IsTrue(ctx.Request.Query["watch"]) ? "watch" : "list",
            _ when HttpMethods.IsPost(method) => "create",
            _ when HttpMethods.IsPut(method) => "update",
            _ when HttpMethods.IsPatch(method) => "patch",
            _ when HttpMethods.IsDelete(method) => name is not null ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        var header = ctx.Request.Headers.Authorization.ToString();
        var user = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "system:anonymous";
        var request = new KubeRequestAttributes(user, verb, type.Group, type.Plural, sub ?? "", type.Namespaced ? ns : null, name);
        if (!authorize(request)) throw KubeStatus.Forbidden(type, request);
    }

    private static bool IsTrue(string? value) => value is "1" or "true" or "True";

    private static async Task<string> ReadBody(HttpContext ctx)
    {
        if ((ctx.Request.ContentType ?? "").Contains("protobuf"))
        {
            using var buffer = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
            return ProtobufBody.Decode(buffer.ToArray()).ToJsonString();
        }
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ctx.RequestAborted);
    }

    private static async Task<JsonObject> ReadObject(HttpContext ctx)
    {
        var body = await ReadBody(ctx);
        try
        {
            var node = (ctx.Request.ContentType ?? "").Contains("yaml") && !body.StartsWith('{') ? YamlJson.Read(body) : JsonNode.Parse(body);
            return node as JsonObject ?? throw KubeStatus.BadRequest("the request body is not an object");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or YamlDotNet.Core.YamlException)
        {
            throw KubeStatus.BadRequest($"the request body is not valid JSON: {e.Message}");
        }
    }

    private static async Task<DeleteOptions> ReadDeleteOptions(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var body = await ReadBody(ctx);
        var o = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body) as JsonObject;
        var policy = o?["propagationPolicy"]?.ToString() ?? (q["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null);
        if (policy is null && (o?["orphanDependents"]?.GetValue<bool>() ?? IsTrue(q["orphanDependents"]))) policy = "Orphan";
        var dryRun = q["dryRun"].ToString() == "All" || (o?["dryRun"] is JsonArray d && d.Any(x => x?.ToString() == "All"));
        return new DeleteOptions(policy, o?["preconditions"]?["uid"]?.ToString(), o?["preconditions"]?["resourceVersion"]?.ToString(), dryRun);
    }

    private static bool WantsTable(HttpContext ctx) => ctx.Request.Headers.Accept.ToString().Contains("as=Table");

    private const string TableType = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private async Task Respond(HttpContext ctx, int code, ResourceType type, JsonObject obj)
    {
        if (WantsTable(ctx) && HttpMethods.IsGet(ctx.Request.Method))
            await WriteJson(ctx, code, TableConverter.Convert(type, [obj], ctx.Request.Query["includeObject"], DateTimeOffset.UtcNow), TableType);
        else await WriteJson(ctx, code, obj);
    }

    private Func<JsonObject, bool> Filter(HttpContext ctx)
    {
        var labels = Selectors.Labels(ctx.Request.Query["labelSelector"]);
        var fields = Selectors.Fields(ctx.Request.Query["fieldSelector"]);
        return o => labels(o) && fields(o);
    }

    private async Task ListCollection(HttpContext ctx, ResourceType type, string? ns)
    {
        var q = ctx.Request.Query;
        var limit = int.TryParse(q["limit"], out var l) ? l : 0;
        var (items, rv, cont, remaining) = Store.List(type, ns, Filter(ctx), limit, q["continue"]);
        var meta = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (cont is not null) meta["continue"] = cont;
        if (remaining is not null) meta["remainingItemCount"] = remaining;
        if (WantsTable(ctx))
        {
            await WriteJson(ctx, 200, TableConverter.Convert(type, items, q["includeObject"], DateTimeOffset.UtcNow, listMeta: meta), TableType);
            return;
        }
        await WriteJson(ctx, 200, new JsonObject
        {
            ["kind"] = $"{type.Kind}List",
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = meta,
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        });
    }

    private async Task DeleteCollection(HttpContext ctx, ResourceType type, string? ns)
    {
        var options = await ReadDeleteOptions(ctx);
        var (items, rv, _, _) = Store.List(type, ns, Filter(ctx));
        foreach (var item in items)
        {
            try
            {
                Store.Delete(type, item["metadata"]?["namespace"]?.ToString(), item["metadata"]!["name"]!.ToString(), options);
            }
            catch (KubeStatus s) when (s.Code == 404)
            {
            }
        }
        await WriteJson(ctx, 200, new JsonObject
        {
            ["kind"] = $"{type.Kind}List", ["apiVersion"] = type.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        });
    }

    /// <summary>
    /// A watch stream: one JSON event per line. A selector change turns MODIFIED into ADDED or
    /// DELETED as the object enters or leaves the selection; a too-old version is an ERROR event
    /// carrying a 410 Status, as the real API sends it.
    /// </summary>
    private async Task WatchCollection(HttpContext ctx, ResourceType type, string? ns)
    {
        var q = ctx.Request.Query;
        var rvText = q["resourceVersion"].ToString();
        long? from = rvText is "" or "0" ? null : long.TryParse(rvText, out var r) ? r : throw KubeStatus.BadRequest($"invalid resourceVersion {rvText}");
        var initialEvents = IsTrue(q["sendInitialEvents"]);
        if (initialEvents) from = null;
        var bookmarks = IsTrue(q["allowWatchBookmarks"]);
        var table = WantsTable(ctx);
        var filter = Filter(ctx);
        var deadline = int.TryParse(q["timeoutSeconds"], out var t) && t > 0 ? DateTime.UtcNow.AddSeconds(t) : DateTime.MaxValue;
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = table ? TableType : "application/json";
        await ctx.Response.StartAsync(ctx.RequestAborted);
        await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
        var first = true;
        async Task Send(string evType, JsonObject obj)
        {
            JsonNode shown = table && evType != "ERROR" && evType != "BOOKMARK"
                ? TableConverter.Convert(type, [obj], q["includeObject"], DateTimeOffset.UtcNow, withColumns: first)
                : obj;
            if (evType is not "ERROR" and not "BOOKMARK") first = false;
            var line = new JsonObject { ["type"] = evType, ["object"] = shown }.ToJsonString(Json) + "\n";
            await ctx.Response.WriteAsync(line, ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
        }
        Watcher watcher;
        try
        {
            watcher = Store.Watch(type, ns, from);
        }
        catch (KubeStatus gone)
        {
            await Send("ERROR", gone.ToJson());
            return;
        }
        using (watcher)
        {
            var initialEnd = initialEvents ? watcher.Channel.Reader.Count : -1;
            var sent = 0;
            if (initialEnd == 0) await SendBookmark(true);
            while (DateTime.UtcNow < deadline && !stopping.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping.Token);
                var remaining = deadline - DateTime.UtcNow;
                wait.CancelAfter(remaining < options.BookmarkInterval ? remaining : options.BookmarkInterval);
                bool more;
                try
                {
                    more = await watcher.Channel.Reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!ctx.RequestAborted.IsCancellationRequested)
                {
                    if (bookmarks) await SendBookmark(false);
                    continue;
                }
                if (!more) break;
                while (watcher.Channel.Reader.TryRead(out var ev))
                {
                    var shownType = Shown(ev, filter);
                    if (shownType is not null) await Send(shownType, KubeStore.Present(type, ev.Object));
                    sent++;
                    if (sent == initialEnd) await SendBookmark(true);
                }
            }
        }

        async Task SendBookmark(bool initialEnd)
        {
            if (!bookmarks) return;
            var at = Store.BookmarkVersion(watcher);
            if (at is null) return;
            var meta = new JsonObject { ["resourceVersion"] = at.Value.ToString(CultureInfo.InvariantCulture) };
            if (initialEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
            await Send("BOOKMARK", new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = meta });
        }
    }

    private static string? Shown(WatchEvent ev, Func<JsonObject, bool> filter)
    {
        var now = filter(ev.Object);
        var before = ev.Previous is not null && filter(ev.Previous);
        return ev.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "DELETED" => now || before ? "DELETED" : null,
            _ => null,
        };
    }

    private static JsonObject Success(ResourceType type, JsonObject deleted)
    {
        var details = new JsonObject { ["name"] = deleted["metadata"]?["name"]?.DeepClone() };
        if (type.Group != "") details["group"] = type.Group;
        details["kind"] = type.Plural;
        details["uid"] = deleted["metadata"]?["uid"]?.DeepClone();
        return new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["details"] = details,
        };
    }
}
