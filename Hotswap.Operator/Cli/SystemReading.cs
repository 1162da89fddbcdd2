using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using k8s;
using k8s.Models;
using LanguageExt;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Reads what <c>hotswap get</c> shows: the System, its children through the operator's own
/// adapters, and the namespace's Events in one list (filtered to the System and its children),
/// rather than one list per object. Only reads.
/// </summary>
public static class SystemReading
{
    public static async Task<SystemView> ReadAsync(IKubernetes client, KubeTarget target, string name)
    {
        var system = await SystemLookup.ReadAsync(client, target, name);
        var kube = new KubernetesObjects(client, target.Namespace);
        var problems = new List<string>();
        var clusters = Listed(target, "ArgoCDClusters", () => kube.ArgoCDClusters.ListAsync(name), problems);
        var deployments = Listed(target, "ArgoCDApplicationDeployments", () => kube.ApplicationDeployments.ListAsync(name), problems);
        var checks = Listed(target, "Checks", () => kube.Checks.ListAsync(name), problems);
        var events = Listed(target, "Events", () => EventsAsync(client, target.Namespace), problems);
        await Task.WhenAll(clusters, deployments, checks, events);
        return SystemViews.Of(system, await clusters, await deployments, await checks, await events, problems);
    }

    /// <summary>
    /// A child list that cannot be read (Forbidden, an object that does not parse) is a problem
    /// shown with the rest; an unreachable server fails the whole read.
    /// </summary>
    private static async Task<IReadOnlyList<T>> Listed<T>(KubeTarget target, string what, Func<Task<Seq<T>>> list, List<string> problems)
    {
        try
        {
            return [.. await ApiCall.Run(target, $"list {what} in {target.Namespace}", list)];
        }
        catch (PortException e) when (e.Kind != PortErrorKind.Unreachable)
        {
            lock (problems) problems.Add($"{what} could not be read: {e.Message}");
            return [];
        }
    }

    /// <summary>events.k8s.io/v1 Events as <see cref="KubernetesEvents"/> reads them: the series' last time and count.</summary>
    private static async Task<Seq<EventObject>> EventsAsync(IKubernetes client, string ns)
    {
        var list = await client.EventsV1.ListNamespacedEventAsync(ns);
        return list.Items.Select(e => new EventObject(
                e.Regarding?.Kind ?? "", e.Regarding?.Name ?? "", e.Type ?? "", e.Reason ?? "", e.Note ?? "",
                Utc(e.Series?.LastObservedTime ?? e.EventTime ?? e.DeprecatedLastTimestamp ?? e.Metadata.CreationTimestamp),
                e.Series?.Count ?? e.DeprecatedCount ?? 1))
            .ToSeq().Strict();
    }

    private static DateTimeOffset Utc(DateTime? t) =>
        new(DateTime.SpecifyKind(t ?? DateTime.UnixEpoch, DateTimeKind.Utc));
}
