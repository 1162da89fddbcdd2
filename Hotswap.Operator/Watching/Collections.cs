using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Hotswap.Operator.Watching;

/// <summary>
/// The collections <c>hotswap run</c> watches, built on KubernetesClient's list calls and its
/// <c>WatchList…Async</c> (a <c>watch=true</c> list read as a stream of events). Lists are paged.
/// </summary>
public static class Collections
{
    /// <summary>Objects per list page: large lists arrive in pieces instead of one response.</summary>
    public const int PageSize = 500;

    /// <summary>A custom resource (hotswap's kinds, ArgoCD's) in <paramref name="namespace"/>, or in all when null.</summary>
    public static WatchedCollection<JsonObject> Custom(
        IKubernetes client, string group, string version, string plural, string? @namespace, string? labelSelector = null) =>
        new($"{plural}.{group}{Where(@namespace)}", @namespace,
            async (cont, ct) => Page(@namespace is null
                ? await client.CustomObjects.ListCustomObjectForAllNamespacesAsync<JsonObject>(group, version, plural,
                    continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct)
                : await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(group, version, @namespace, plural,
                    continueParameter: cont, labelSelector: labelSelector, limit: PageSize, cancellationToken: ct)),
            (rv, timeout, onError, ct) => Objects(@namespace is null
                ? client.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(group, version, plural, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct)
                : client.CustomObjects.WatchListNamespacedCustomObjectAsync(group, version, @namespace, plural, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct)),
            MetaOf,
            Materialised);

    /// <summary>Secrets in one namespace (ArgoCD's) carrying <paramref name="labelSelector"/>.</summary>
    public static WatchedCollection<V1Secret> Secrets(IKubernetes client, string @namespace, string labelSelector) =>
        new($"secrets{Where(@namespace)}", @namespace,
            async (cont, ct) =>
            {
                var l = await client.CoreV1.ListNamespacedSecretAsync(@namespace, continueParameter: cont, labelSelector: labelSelector,
                    limit: PageSize, cancellationToken: ct);
                return new ListPage<V1Secret>([.. l.Items], l.Metadata.ResourceVersion, Token(l.Metadata.ContinueProperty));
            },
            (rv, timeout, onError, ct) => client.CoreV1.WatchListNamespacedSecretAsync(@namespace, allowWatchBookmarks: true,
                labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            s => s.Metadata);

    /// <summary>Jobs carrying <paramref name="labelSelector"/>, in one namespace or all.</summary>
    public static WatchedCollection<V1Job> Jobs(IKubernetes client, string? @namespace, string labelSelector) =>
        new($"jobs{Where(@namespace)}", @namespace,
            async (cont, ct) =>
            {
                var l = @namespace is null
                    ? await client.BatchV1.ListJobForAllNamespacesAsync(continueParameter: cont, labelSelector: labelSelector,
                        limit: PageSize, cancellationToken: ct)
                    : await client.BatchV1.ListNamespacedJobAsync(@namespace, continueParameter: cont, labelSelector: labelSelector,
                        limit: PageSize, cancellationToken: ct);
                return new ListPage<V1Job>([.. l.Items], l.Metadata.ResourceVersion, Token(l.Metadata.ContinueProperty));
            },
            (rv, timeout, onError, ct) => @namespace is null
                ? client.BatchV1.WatchListJobForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct)
                : client.BatchV1.WatchListNamespacedJobAsync(@namespace, allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            j => j.Metadata);

    /// <summary>ControllerRevisions carrying <paramref name="labelSelector"/>, in one namespace or all.</summary>
    public static WatchedCollection<V1ControllerRevision> Revisions(IKubernetes client, string? @namespace, string labelSelector) =>
        new($"controllerrevisions{Where(@namespace)}", @namespace,
            async (cont, ct) =>
            {
                var l = @namespace is null
                    ? await client.AppsV1.ListControllerRevisionForAllNamespacesAsync(continueParameter: cont, labelSelector: labelSelector,
                        limit: PageSize, cancellationToken: ct)
                    : await client.AppsV1.ListNamespacedControllerRevisionAsync(@namespace, continueParameter: cont,
                        labelSelector: labelSelector, limit: PageSize, cancellationToken: ct);
                return new ListPage<V1ControllerRevision>([.. l.Items], l.Metadata.ResourceVersion, Token(l.Metadata.ContinueProperty));
            },
            (rv, timeout, onError, ct) => @namespace is null
                ? client.AppsV1.WatchListControllerRevisionForAllNamespacesAsync(allowWatchBookmarks: true, labelSelector: labelSelector,
                    resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct)
                : client.AppsV1.WatchListNamespacedControllerRevisionAsync(@namespace, allowWatchBookmarks: true,
                    labelSelector: labelSelector, resourceVersion: rv, timeoutSeconds: timeout, onError: onError, cancellationToken: ct),
            r => r.Metadata);

    private static string Where(string? @namespace) => @namespace is null ? "" : $" in {@namespace}";

    private static string? Token(string? cont) => string.IsNullOrEmpty(cont) ? null : cont;

    private static ListPage<JsonObject> Page(JsonObject list) =>
        new([.. (list["items"] as JsonArray)?.OfType<JsonObject>() ?? []],
            list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "",
            Token(list["metadata"]?["continue"]?.GetValue<string>()));

    /// <summary>The generic watch hands each object over as it was deserialised (a JsonElement).</summary>
    private static async IAsyncEnumerable<(WatchEventType, JsonObject)> Objects(IAsyncEnumerable<(WatchEventType, object)> events)
    {
        await foreach (var (type, o) in events)
        {
            var node = o switch
            {
                JsonObject j => j,
                JsonElement e => JsonNode.Parse(e.GetRawText()) as JsonObject,
                _ => JsonSerializer.SerializeToNode(o) as JsonObject,
            };
            if (node is not null) yield return (type, node);
        }
    }

    /// <summary>A custom object's metadata, in the typed model the stores index by.</summary>
    public static V1ObjectMeta MetaOf(JsonObject o) =>
        o["metadata"] is JsonObject m ? KubernetesJson.Deserialize<V1ObjectMeta>(m.ToJsonString()) : new V1ObjectMeta();

    /// <summary>
    /// A JSON tree reads its children lazily on first access, which is not safe from two threads at
    /// once; walking it once makes it safe to share read-only.
    /// </summary>
    public static JsonObject Materialised(JsonObject o)
    {
        Walk(o);
        return o;

        static void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var kv in obj) Walk(kv.Value);
                    break;
                case JsonArray arr:
                    foreach (var item in arr) Walk(item);
                    break;
            }
        }
    }
}
