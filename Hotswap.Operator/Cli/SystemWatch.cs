using System.Text.Json;
using System.Text.Json.Nodes;
using Hotswap.Effects;
using Hotswap.Effects.Kubernetes;
using k8s;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Tells <c>hotswap get -w</c> when to read again: watches on the System, its children (by the
/// System label) and the namespace's Events about hotswap's objects. A watch that ends or fails
/// (the server's timeout, 410 Gone, a dropped connection) is opened again a second later, and
/// counts as a change, since something may have happened while it was down; so where watches are
/// not allowed, the view is still read again every second.
/// </summary>
public static class SystemWatch
{
    public static async Task RunAsync(KubeTarget target, string system, Action changed, CancellationToken cancel)
    {
        using var client = target.WatchClient();
        var ns = target.Namespace;
        var ofSystem = $"{WellKnown.SystemLabel}={system}";
        // The generic API serves any group, Events included, so one way of watching does for all five.
        Task Follow(string group, string version, string plural, string? field, string? labels, Func<JsonNode?, bool> relevant) =>
            FollowAsync(
                ct => client.CustomObjects.WatchListNamespacedCustomObjectAsync(
                    group, version, ns, plural, fieldSelector: field, labelSelector: labels, cancellationToken: ct),
                relevant, changed, cancel);
        await Task.WhenAll(
            Follow(HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.Systems, $"metadata.name={system}", null, _ => true),
            Follow(HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.ArgoCDClusters, null, ofSystem, _ => true),
            Follow(HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.ApplicationDeployments, null, ofSystem, _ => true),
            Follow(HotswapKinds.Group, HotswapKinds.Version, HotswapKinds.Checks, null, ofSystem, _ => true),
            Follow("events.k8s.io", "v1", "events", null, null,
                e => e?["regarding"]?["apiVersion"]?.GetValue<string>() == HotswapKinds.ApiVersion));
    }

    private static async Task FollowAsync<T>(
        Func<CancellationToken, IAsyncEnumerable<(WatchEventType Type, T Object)>> open,
        Func<JsonNode?, bool> relevant, Action changed, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, item) in open(cancel))
                {
                    if (type == WatchEventType.Error) break;
                    if (type != WatchEventType.Bookmark && relevant(JsonSerializer.SerializeToNode(item))) changed();
                }
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or k8s.Autorest.HttpOperationException
                                          or System.Text.Json.JsonException or OperationCanceledException)
            {
                // Open it again below; the view's own read reports what is wrong with the server.
            }
            changed();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancel);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
