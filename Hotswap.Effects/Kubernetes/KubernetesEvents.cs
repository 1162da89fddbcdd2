using System.Security.Cryptography;
using System.Text;
using Hotswap.Effects.Ports;
using k8s;
using k8s.Models;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// events.k8s.io/v1 Events in one namespace, aggregated: the Event's name is derived from the
/// object, type, reason and note, so a repeat finds the Event it repeats and bumps its
/// <c>series.count</c> (and <c>series.lastObservedTime</c>) instead of creating another.
/// </summary>
public sealed class KubernetesEvents(IKubernetes client, string @namespace, string instance) : IEvents
{
    public const string Controller = "hotswap.mumoshu.github.io/operator";

    /// <summary>"system.mysystem.3f2a9c1b": stable for the same object, type, reason and note.</summary>
    public static string NameOf(EventObject e)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{e.Type}\n{e.Reason}\n{e.Note}")))[..10];
        return $"{e.Kind.ToLowerInvariant()}.{e.Name}.{hash}";
    }

    public async Task RecordAsync(EventObject e)
    {
        var name = NameOf(e);
        Eventsv1Event? existing;
        try
        {
            existing = await KubernetesFailures.Call($"get Event {@namespace}/{name}", () => client.EventsV1.ReadNamespacedEventAsync(name, @namespace));
        }
        catch (PortException x) when (x.Kind == PortErrorKind.NotFound)
        {
            existing = null;
        }
        if (existing is null)
        {
            var body = new Eventsv1Event
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace },
                EventTime = e.LastTime.UtcDateTime,
                ReportingController = Controller,
                ReportingInstance = instance,
                Action = "Reconcile",
                Reason = e.Reason,
                Note = e.Note,
                Type = e.Type,
                Regarding = new V1ObjectReference
                {
                    ApiVersion = HotswapKinds.ApiVersion, Kind = e.Kind, Name = e.Name, NamespaceProperty = @namespace,
                },
            };
            await KubernetesFailures.Call($"create Event {@namespace}/{name}", () => client.EventsV1.CreateNamespacedEventAsync(body, @namespace));
            return;
        }
        existing.Series = new Eventsv1EventSeries { Count = (existing.Series?.Count ?? 1) + 1, LastObservedTime = e.LastTime.UtcDateTime };
        await KubernetesFailures.Call($"update Event {@namespace}/{name}", () => client.EventsV1.ReplaceNamespacedEventAsync(existing, name, @namespace));
    }

    public async Task<Seq<EventObject>> ListAsync(string kind, string name)
    {
        var list = await KubernetesFailures.Call($"list Events in {@namespace}", () => client.EventsV1.ListNamespacedEventAsync(@namespace));
        return list.Items
            .Where(e => e.Regarding?.Kind == kind && e.Regarding?.Name == name)
            .Select(e => new EventObject(kind, name, e.Type ?? "", e.Reason ?? "", e.Note ?? "",
                new DateTimeOffset(DateTime.SpecifyKind(e.Series?.LastObservedTime ?? e.EventTime ?? DateTime.UnixEpoch, DateTimeKind.Utc)),
                e.Series?.Count ?? 1))
            .OrderBy(e => e.LastTime)
            .ToSeq().Strict();
    }
}
