using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// Kubernetes' Job controller, as far as hotswap can tell: every Job created in any namespace is
/// marked complete (succeeded 1, condition Complete) at once, through the store, so the write is
/// not counted as anyone's request. <see cref="Completed"/> lists them. Dispose to stop.
/// </summary>
public sealed class JobStandIn : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private JobStandIn(KubeApiServer server)
    {
        var jobs = server.Catalog.Find("batch", "v1", "jobs")!;
        var watcher = server.Store.Watch(jobs, null, server.Store.CurrentResourceVersion);
        loop = Task.Run(() => CompleteAsync(server, jobs, watcher));
    }

    /// <summary>"namespace/name" of every Job completed so far, in order.</summary>
    public ConcurrentQueue<string> Completed { get; } = new();

    public static JobStandIn Start(KubeApiServer server) => new(server);

    private async Task CompleteAsync(KubeApiServer server, ResourceType jobs, Watcher watcher)
    {
        using (watcher)
        {
            try
            {
                while (await watcher.Channel.Reader.WaitToReadAsync(stop.Token))
                    while (watcher.Channel.Reader.TryRead(out var e))
                    {
                        if (e.Type != "ADDED") continue;
                        var name = e.Object["metadata"]!["name"]!.GetValue<string>();
                        if (Complete(server, jobs, e.Namespace, name)) Completed.Enqueue($"{e.Namespace}/{name}");
                    }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    /// <summary>Marks the Job complete; a conflict with another writer is tried again with the newer version.</summary>
    private static bool Complete(KubeApiServer server, ResourceType jobs, string ns, string name)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = server.Store.Find(jobs, ns, name);
            if (current is null || current["status"]?["succeeded"] is not null) return false;
            current["status"] = JsonNode.Parse("""{"succeeded":1,"conditions":[{"type":"Complete","status":"True"}]}""");
            try
            {
                server.Store.Update(jobs, ns, name, current, "status");
                return true;
            }
            catch (KubeStatus status) when (status.Code == 409)
            {
            }
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
