using System.Text.Json.Nodes;
using Hotswap.Effects.Ports;
using k8s;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// One child kind through the generic custom-object API, in the System's namespace: spec writes
/// through the object, status writes through its <c>/status</c> subresource guarded by
/// resourceVersion (a stale one is a Conflict, never an overwrite). Every object carries the
/// System label and an ownerReference to its System, so Kubernetes collects it with the System.
/// Reads go through <paramref name="source"/> (the API, or the operator's cache), and every write
/// hands it the object the API returned.
/// </summary>
internal sealed class KubernetesChildObjects<TSpec, TStatus>(
    IKubernetes client, string @namespace, ChildKind<TSpec, TStatus> kind, Func<string, Task<JsonObject>> ownerOf,
    IObjectSource<JsonObject> source)
    : IChildObjects<TSpec, TStatus>
{
    private ICustomObjectsOperations Api => client.CustomObjects;

    private string What(string verb, string name) => $"{verb} {kind.Kind} {@namespace}/{name}";

    public async Task<Option<StoredObject<TSpec, TStatus>>> GetAsync(string name) =>
        (await source.GetAsync(@namespace, name)).Map(Stored);

    public async Task<Seq<StoredObject<TSpec, TStatus>>> ListAsync(string system) =>
        (await source.ListAsync(@namespace, Map((WellKnown.SystemLabel, system))))
        .Map(Stored).OrderBy(o => o.Name, StringComparer.Ordinal).ToSeq().Strict();

    public async Task ApplyAsync(string name, TSpec spec)
    {
        var existing = await source.GetAsync(@namespace, name);
        var desired = Json.Document(kind.SpecJson(spec));
        await existing.Match(
            async current =>
            {
                if (Equals(Stored(current).Spec, spec)) return;
                // The source's object may be the cache's own: change a copy.
                var replacement = (JsonObject)current.DeepClone();
                replacement["spec"] = desired;
                source.Wrote(await KubernetesFailures.Call(What("replace", name), () =>
                    Api.ReplaceNamespacedCustomObjectAsync<JsonObject>(
                        replacement, HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name)));
            },
            async () =>
            {
                var system = kind.SystemOf(spec);
                var owner = await ownerOf(system);
                var body = new JsonObject
                {
                    ["apiVersion"] = HotswapKinds.ApiVersion,
                    ["kind"] = kind.Kind,
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["namespace"] = @namespace,
                        ["labels"] = Json.Labels(Map((WellKnown.SystemLabel, system), (WellKnown.ManagedByLabel, WellKnown.ManagedBy))),
                        ["ownerReferences"] = new JsonArray(owner),
                    },
                    ["spec"] = desired,
                };
                source.Wrote(await KubernetesFailures.Call(What("create", name), () =>
                    Api.CreateNamespacedCustomObjectAsync<JsonObject>(body, HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural)));
            });
    }

    public async Task DeleteAsync(string name)
    {
        await KubernetesFailures.Call(What("delete", name), () =>
            Api.DeleteNamespacedCustomObjectAsync(HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name,
                propagationPolicy: "Background"));
        source.Deleted(@namespace, name);
    }

    public async Task UpdateStatusAsync(string name, TStatus status, string resourceVersion)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = HotswapKinds.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["resourceVersion"] = resourceVersion },
            ["status"] = Json.Document(kind.StatusJson(status)),
        };
        source.Wrote(await KubernetesFailures.Call(What("update status of", name), () =>
            Api.ReplaceNamespacedCustomObjectStatusAsync<JsonObject>(body, HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name)));
    }

    internal static Seq<JsonObject> Items(JsonObject list) =>
        (list["items"] as JsonArray)?.OfType<JsonObject>().ToSeq().Strict() ?? Seq<JsonObject>();

    private StoredObject<TSpec, TStatus> Stored(JsonObject o)
    {
        var name = Json.Text(o, "metadata", "name");
        var status = o["status"] is JsonObject s && s.Count > 0 ? Some(s.ToJsonString()) : None;
        return kind.Read(o["spec"]?.ToJsonString() ?? "{}", status).Match(
            read => new StoredObject<TSpec, TStatus>(name, read.Spec, read.Status, Json.Text(o, "metadata", "resourceVersion")),
            errors => throw new PortException(PortErrorKind.Validation,
                $"{kind.Kind} {@namespace}/{name} cannot be read: {string.Join("; ", errors.Map(e => e.ToString()))}"));
    }
}
