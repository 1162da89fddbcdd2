using Hotswap.Core.Notices;
using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Writes one object's status to its status subresource, against the resourceVersion observed,
/// and only when it changed, so steady state makes no writes. A write that does not land (a 409,
/// mostly) is reported, not thrown: the next reconcile recomputes it. Events (<see cref="Notice"/>s)
/// are recorded best effort: one that cannot be written is counted and dropped, never failing the reconcile.
/// </summary>
public sealed class Recorder(IKubernetesObjects kube, PortCalls calls, IEvents? events = null)
{
    /// <summary>Records each notice as an Event at <paramref name="now"/>; returns how many could not be written.</summary>
    public async Task<int> EventsAsync(Seq<Notice> notices, DateTimeOffset now)
    {
        if (events is null) return 0;
        var lost = 0;
        foreach (var n in notices)
        {
            calls.Write("k8s.RecordEvent");
            try
            {
                await events.RecordAsync(new EventObject(n.Kind, n.Name, n.Type, n.Reason, n.Note, now));
            }
            catch (PortException)
            {
                lost++;
            }
        }
        return lost;
    }

    /// <summary>
    /// Says in the System's status why its world could not be observed (<see cref="FailureReport.Unobserved"/>),
    /// when the System itself can still be read; otherwise there is nowhere to say it.
    /// </summary>
    public async Task<Seq<StatusWriteFailure>> UnobservedAsync(string name, string error, DateTimeOffset now)
    {
        SystemObject system;
        try
        {
            calls.Read("k8s.GetSystem");
            system = await kube.GetSystemAsync(name);
        }
        catch (PortException e)
        {
            return Seq1(new StatusWriteFailure($"system/{name}", Some(e.Kind), e.Message));
        }
        var status = FailureReport.Unobserved(system.Status.IfNone(SystemStatus.Initial), error, now);
        return await SystemAsync(name, status, system.Status, system.ResourceVersion);
    }

    public Task<Seq<StatusWriteFailure>> SystemAsync(string name, SystemStatus status, Option<SystemStatus> recorded, string version) =>
        recorded.Exists(r => r == status)
            ? Task.FromResult(Seq<StatusWriteFailure>())
            : Try($"system/{name}", "k8s.UpdateSystemStatus", () => kube.UpdateSystemStatusAsync(name, status, version));

    public Task<Seq<StatusWriteFailure>> ChildAsync<TSpec, TStatus>(
        IChildObjects<TSpec, TStatus> objects, ObjectKey key, string operation, TStatus status, TStatus recorded, string version) =>
        Equals(recorded, status)
            ? Task.FromResult(Seq<StatusWriteFailure>())
            : Try(key.ToString(), operation, () => objects.UpdateStatusAsync(key.Name, status, version));

    private async Task<Seq<StatusWriteFailure>> Try(string target, string operation, Func<Task> write)
    {
        calls.Write(operation);
        try
        {
            await write();
            return Seq<StatusWriteFailure>();
        }
        catch (PortException e)
        {
            return Seq1(new StatusWriteFailure(target, Some(e.Kind), e.Message));
        }
    }
}
