using Hotswap.Core.Status;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects;

/// <summary>
/// Writes one object's status to its status subresource, against the resourceVersion observed,
/// and only when it changed, so steady state makes no writes. A write that does not land (a 409,
/// mostly) is reported, not thrown: the next reconcile recomputes it.
/// </summary>
public sealed class Recorder(IKubernetesObjects kube, PortCalls calls)
{
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
