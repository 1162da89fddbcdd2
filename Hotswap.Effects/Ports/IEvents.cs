namespace Hotswap.Effects.Ports;

/// <summary>
/// Kubernetes Events (events.k8s.io/v1) about hotswap's objects, aggregated: a repeat of the same
/// type, reason and note about the same object bumps the existing Event's series.count instead of
/// creating another, so a flapping condition does not make thousands. Calls may throw <see cref="PortException"/>.
/// </summary>
public interface IEvents
{
    /// <summary>Record that <paramref name="e"/> happened (again) at <see cref="EventObject.LastTime"/>.</summary>
    Task RecordAsync(EventObject e);

    /// <summary>Events about one object (kind and name in the port's namespace), oldest first.</summary>
    Task<Seq<EventObject>> ListAsync(string kind, string name);
}
