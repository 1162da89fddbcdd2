using System.Text.Json.Nodes;
using Hotswap.Effects.Ports;
using k8s;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// One child kind through the generic custom-object API, in the System's namespace: spec writes
/// through the object, status writes through its <c>/status</c> subresource guarded by
/// resourceVersion (a stale one is a Conflict, never an overwrite). Every object carries the
/// System label and an ownerReference to its System, so Kubernetes collects it with the System.
/// </summary>
internal sealed class KubernetesChildObjects<TSpec, TStatus>(
    IKubernetes client, string @namespace, ChildKind<TSpec, TStatus> kind, Func<string, Task<JsonObject>> ownerOf)
    : IChildObjects<TSpec, TStatus>
{
    private ICustomObjectsOperations Api => client.CustomObjects;

    private string What(string verb, string name) => $"{verb} {kind.Kind} {@namespace}/{name}";

    public async Task<Option<StoredObject<TSpec, TStatus>>> GetAsync(string name)
    {
        try
        {
            var o = await KubernetesFailures.Call(What("get", name), () =>
                Api.GetNamespacedCustomObjectAsync<JsonObject>(HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name));
            return Some(Stored(o));
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return None;
        }
    }

    public async Task<Seq<StoredObject<TSpec, TStatus>>> ListAsync(string system)
    {
        var list = await KubernetesFailures.Call($"list {kind.Plural} in {@namespace}", () =>
            Api.ListNamespacedCustomObjectAsync<JsonObject>(HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural,
                labelSelector: $"{WellKnown.SystemLabel}={system}"));
        return Items(list).Map(Stored).OrderBy(o => o.Name, StringComparer.Ordinal).ToSeq().Strict();
    }

    public async Task ApplyAsync(string name, TSpec spec)
    {
        var existing = await GetRawAsync(name);
        var desired = Json.Document(kind.SpecJson(spec));
        await existing.Match(
            async current =>
            {
                if (Equals(Stored(current).Spec, spec)) return;
                current["spec"] = desired;
                await KubernetesFailures.Call(What("replace", name), () =>
                    Api.ReplaceNamespacedCustomObjectAsync(current, HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name));
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
                await KubernetesFailures.Call(What("create", name), () =>
                    Api.CreateNamespacedCustomObjectAsync(body, HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural));
            });
    }

    public Task DeleteAsync(string name) =>
        KubernetesFailures.Call(What("delete", name), () =>
            Api.DeleteNamespacedCustomObjectAsync(HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name,
                propagationPolicy: "Background"));

    public Task UpdateStatusAsync(string name, TStatus status, string resourceVersion)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = HotswapKinds.ApiVersion,
            ["kind"] = kind.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["resourceVersion"] = resourceVersion },
            ["status"] = Json.Document(kind.StatusJson(status)),
        };
        return KubernetesFailures.Call(What("update status of", name), () =>
            Api.ReplaceNamespacedCustomObjectStatusAsync(body, HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name));
    }

    private async Task<Option<JsonObject>> GetRawAsync(string name)
    {
        try
        {
            return Some(await KubernetesFailures.Call(What("get", name), () =>
                Api.GetNamespacedCustomObjectAsync<JsonObject>(HotswapKinds.Group, HotswapKinds.Version, @namespace, kind.Plural, name)));
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return None;
        }
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
