using System.Text.Json.Nodes;
using Hotswap.Core.Parsing;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using k8s;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Finds a System by name, and when there is none says why in a way that helps: the namespace
/// does not exist (did you mean …?), the name is misspelt (did you mean …?), or the System lives
/// in another namespace (use -n …).
/// </summary>
public static class SystemLookup
{
    public static async Task<StoredSystem> ReadAsync(IKubernetes client, KubeTarget target, string name)
    {
        try
        {
            var o = await ApiCall.Run(target, $"get System {target.Namespace}/{name}", () =>
                client.CustomObjects.GetNamespacedCustomObjectAsync<JsonObject>(
                    HotswapKinds.Group, HotswapKinds.Version, target.Namespace, HotswapKinds.Systems, name));
            return StoredSystem.FromJson(o);
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            throw new CliFailure(await NotFoundAsync(client, target, name));
        }
    }

    /// <summary>Known application names, or a did-you-mean failure for a name the System does not have.</summary>
    public static string Application(StoredSystem system, string application)
    {
        var known = system.ApplicationNames;
        if (known.Contains(application)) return application;
        var hint = Spelling.Nearest(application, known).Match(
            n => $"; did you mean \"{n}\"?",
            () => known.Count == 0 ? "; it has none" : $"; it has {string.Join(", ", known)}");
        throw new CliFailure($"System {system.Namespace}/{system.Name} has no application \"{application}\"{hint}");
    }

    private static async Task<string> NotFoundAsync(IKubernetes client, KubeTarget target, string name)
    {
        var ns = target.Namespace;
        if (!await Quietly(() => NamespaceExistsAsync(client, target), true))
        {
            var namespaces = await Quietly(async () => (await client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name).ToList(), []);
            return $"namespace \"{ns}\" not found{Spelling.DidYouMean(ns, namespaces)} ({target.Where})";
        }
        var here = await Quietly(() => SystemNamesAsync(client, ns), []);
        var nearest = Spelling.Nearest(name, here);
        if (nearest.IsSome)
            return $"System \"{name}\" not found in namespace {ns}; did you mean \"{nearest.IfNone("")}\"?";
        var elsewhere = await Quietly(() => NamespacesOfAsync(client, name), []);
        if (elsewhere.Count > 0)
            return $"System \"{name}\" not found in namespace {ns}; it exists in namespace {string.Join(", ", elsewhere)} " +
                   $"(use -n {elsewhere[0]})";
        return here.Count == 0
            ? $"System \"{name}\" not found: there is no System in namespace {ns}"
            : $"System \"{name}\" not found in namespace {ns}; it has {string.Join(", ", here)}";
    }

    private static async Task<bool> NamespaceExistsAsync(IKubernetes client, KubeTarget target)
    {
        try
        {
            await ApiCall.Run(target, "get namespace", () => client.CoreV1.ReadNamespaceAsync(target.Namespace));
            return true;
        }
        catch (PortException e) when (e.Kind == PortErrorKind.NotFound)
        {
            return false;
        }
    }

    private static async Task<List<string>> SystemNamesAsync(IKubernetes client, string ns) =>
        Names(await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonObject>(
            HotswapKinds.Group, HotswapKinds.Version, ns, HotswapKinds.Systems)).Select(x => x.Name).ToList();

    private static async Task<List<string>> NamespacesOfAsync(IKubernetes client, string name) =>
        Names(await client.CustomObjects.ListClusterCustomObjectAsync<JsonObject>(
                HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.Systems, fieldSelector: $"metadata.name={name}"))
            .Select(x => x.Namespace).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<(string Name, string Namespace)> Names(JsonObject list) =>
        (list["items"] as JsonArray)?.OfType<JsonObject>()
            .Select(o => (o["metadata"]?["name"]?.GetValue<string>() ?? "", o["metadata"]?["namespace"]?.GetValue<string>() ?? ""))
        ?? [];

    /// <summary>Hints are best effort: a look-up that fails (Forbidden, say) gives no hint rather than another error.</summary>
    private static async Task<T> Quietly<T>(Func<Task<T>> call, T otherwise)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return otherwise;
        }
    }
}
