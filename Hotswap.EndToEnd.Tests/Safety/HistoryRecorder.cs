using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Hotswap.EndToEnd.Tests.Stage;
using Hotswap.Testing.KubeApi;

namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>
/// Records, for the safety checker, every change of the ArgoCD cluster secrets and Applications
/// of one scene as the test API server commits them (an in-process watch on its store, each
/// event stamped when it is read), and merges them with the ModifyRule calls moto's recorder
/// kept (stamped on arrival). Ordering by those stamps is causal for the operator's writes: a
/// replica sends a ModifyRule only after the secret write it depends on was answered, and writes
/// a secret only after the ModifyRule it depends on was answered; a stamp can only come late
/// (the watch is read after the commit), which moves a membership change later, never earlier.
/// Dispose to stop watching.
/// </summary>
public sealed class HistoryRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<(DateTimeOffset At, long Order, HistoryEvent Event)> events = new();
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> loops = [];
    private long order;

    private HistoryRecorder()
    {
    }

    /// <summary>
    /// Watches the secrets and Applications in <paramref name="argoNamespace"/> from now on; keeps
    /// the secrets <paramref name="secret"/> accepts and every Application.
    /// </summary>
    public static HistoryRecorder Start(KubeApiServer api, string argoNamespace, Func<JsonObject, bool> secret)
    {
        var recorder = new HistoryRecorder();
        var secrets = api.Catalog.Find("", "v1", "secrets")!;
        var applications = api.Catalog.Find("argoproj.io", "v1alpha1", "applications")!;
        foreach (var (type, read) in new (ResourceType, Func<WatchEvent, HistoryEvent?>)[]
        {
            (secrets, e => secret(e.Object) ? SecretEvent(e) : null),
            (applications, ApplicationEvent),
        })
        {
            var watcher = api.Store.Watch(type, argoNamespace, null);
            recorder.loops.Add(Task.Run(async () =>
            {
                using (watcher)
                {
                    try
                    {
                        while (await watcher.Channel.Reader.WaitToReadAsync(recorder.stop.Token))
                            while (watcher.Channel.Reader.TryRead(out var e))
                                if (read(e) is { } recorded)
                                    recorder.events.Enqueue((DateTimeOffset.UtcNow, Interlocked.Increment(ref recorder.order), recorded));
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }));
        }
        return recorder;
    }

    /// <summary>
    /// The history so far: the recorded Kubernetes changes and the successful ModifyRule calls
    /// among <paramref name="calls"/> that <paramref name="include"/> accepts, by time.
    /// </summary>
    public IReadOnlyList<HistoryEvent> History(IEnumerable<AwsCall> calls, Func<AwsCall, bool> include)
    {
        var rules = calls.Where(c => c.Operation == "elbv2.ModifyRule" && c.Status == 200 && include(c))
            .SelectMany(c => ModifyRuleBody.Parse(c.Body, c.AccessKeyId).Map(w => (c.At, c.Sequence, (HistoryEvent)w)));
        return [.. events.Concat(rules).OrderBy(e => e.Item1).ThenBy(e => e.Item2).Select(e => e.Item3)];
    }

    private static HistoryEvent? SecretEvent(WatchEvent e)
    {
        var name = e.Object["metadata"]?["name"]?.ToString() ?? "";
        if (e.Type == "DELETED") return new HistoryEvent.SecretDeleted(name);
        if (e.Type is not ("ADDED" or "MODIFIED")) return null;
        var labels = (e.Object["metadata"]?["labels"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var cluster = e.Object["data"]?["name"]?.ToString() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : name;
        // A secret on its way out (deletionTimestamp set, finalizers pending) still counts as it is.
        return new HistoryEvent.SecretWritten(name, cluster, labels);
    }

    private static HistoryEvent? ApplicationEvent(WatchEvent e)
    {
        var name = e.Object["metadata"]?["name"]?.ToString() ?? "";
        if (e.Type == "DELETED") return new HistoryEvent.ApplicationDeleted(name);
        if (e.Type is not ("ADDED" or "MODIFIED")) return null;
        var ready = e.Object["status"]?["sync"]?["status"]?.ToString() == "Synced" && e.Object["status"]?["health"]?["status"]?.ToString() == "Healthy";
        return new HistoryEvent.ApplicationWritten(name, e.Object["spec"]?["destination"]?["name"]?.ToString() ?? "", ready);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        stop.Dispose();
    }
}
