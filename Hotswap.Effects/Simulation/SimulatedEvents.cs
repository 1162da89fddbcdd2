using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>Events in memory, aggregated as the Kubernetes adapter aggregates them.</summary>
public sealed class SimulatedEvents : IEvents
{
    private readonly List<EventObject> events = [];

    public Task RecordAsync(EventObject e)
    {
        var same = events.FindIndex(x => x.Kind == e.Kind && x.Name == e.Name && x.Type == e.Type && x.Reason == e.Reason && x.Note == e.Note);
        if (same < 0) events.Add(e with { Count = 1 });
        else events[same] = events[same] with { Count = events[same].Count + 1, LastTime = e.LastTime };
        return Task.CompletedTask;
    }

    /// <summary>Every Event recorded, in the order first recorded.</summary>
    public Seq<EventObject> All => events.ToSeq().Strict();

    public Task<Seq<EventObject>> ListAsync(string kind, string name) =>
        Task.FromResult(events.Where(e => e.Kind == kind && e.Name == name).ToSeq().Strict());
}
