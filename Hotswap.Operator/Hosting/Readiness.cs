using Hotswap.Operator.Running;
using k8s;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// /readyz: ready once the controller's caches have synced and the API server answers
/// (<c>GET /version</c>, which every authenticated client may read). The API's answer is kept
/// for a second, so a burst of probes costs one request.
/// </summary>
public sealed class Readiness(IOperatorController controller, IKubernetes client, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Kept = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim asking = new(1, 1);
    private (DateTimeOffset At, string? Error)? lastAnswer;

    /// <summary>Whether ready, and one line per check in the Kubernetes style: "[+]caches ok", "[-]apiserver failed: ...".</summary>
    public async Task<(bool Ready, string Report)> CheckAsync(CancellationToken cancellation)
    {
        var synced = controller.CachesSynced;
        var api = await ApiServerAsync(cancellation);
        var lines = new[]
        {
            synced ? "[+]caches ok" : "[-]caches failed: not synced yet",
            api is null ? "[+]apiserver ok" : $"[-]apiserver failed: {api}",
        };
        var ready = synced && api is null;
        return (ready, string.Join("\n", lines) + "\n" + (ready ? "readyz check passed\n" : "readyz check failed\n"));
    }

    /// <summary>Null when the API server answered, else why not.</summary>
    private async Task<string?> ApiServerAsync(CancellationToken cancellation)
    {
        await asking.WaitAsync(cancellation);
        try
        {
            var now = time.GetUtcNow();
            if (lastAnswer is { } last && now - last.At < Kept) return last.Error;
            string? error = null;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                timeout.CancelAfter(Timeout);
                await client.Version.GetCodeAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                error = $"no answer within {Timeout.TotalSeconds:0} s";
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
            {
                error = e.Message.ReplaceLineEndings(" ");
            }
            lastAnswer = (now, error);
            return error;
        }
        finally
        {
            asking.Release();
        }
    }
}
