using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Datadog's API and application keys, read once at start: from the Secret --datadog-secret names
/// (keys <c>api-key</c> and <c>app-key</c>), else from DD_API_KEY and DD_APP_KEY. Messages name
/// the Secret and the missing key, never a value.
/// </summary>
public static class DatadogKeys
{
    /// <summary>(api, app) keys, null when Datadog is not configured, or <paramref name="error"/>.</summary>
    public static async Task<(string Api, string App)?> ReadAsync(
        IKubernetes client, DatadogSecretRef? secret, Func<string, string?> environment, Action<string> error, CancellationToken cancellation)
    {
        if (secret is null)
        {
            var (api, app) = (environment("DD_API_KEY"), environment("DD_APP_KEY"));
            if (string.IsNullOrEmpty(api) && string.IsNullOrEmpty(app)) return null;
            if (!string.IsNullOrEmpty(api) && !string.IsNullOrEmpty(app)) return (api.Trim(), app.Trim());
            error($"{(string.IsNullOrEmpty(api) ? "DD_API_KEY" : "DD_APP_KEY")} is not set: Datadog needs both DD_API_KEY and DD_APP_KEY (or {RunFlags.DatadogSecret.Name})");
            return null;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            var found = await client.CoreV1.ReadNamespacedSecretAsync(secret.Name, secret.Namespace, cancellationToken: timeout.Token);
            var missing = new[] { DatadogSecretRef.ApiKey, DatadogSecretRef.ApplicationKey }
                .Where(k => found.Data?.TryGetValue(k, out var v) != true || v is null || v.Length == 0).ToList();
            if (missing.Count > 0)
            {
                error($"{RunFlags.DatadogSecret.Name}: Secret {secret} has no {string.Join(" or ", missing)} key");
                return null;
            }
            return (Text(found.Data![DatadogSecretRef.ApiKey]), Text(found.Data[DatadogSecretRef.ApplicationKey]));
        }
        catch (HttpOperationException e)
        {
            var why = e.Response.StatusCode switch
            {
                HttpStatusCode.NotFound => "not found",
                HttpStatusCode.Forbidden => "forbidden (the operator's role needs get on that Secret)",
                var code => $"HTTP {(int)code}",
            };
            error($"{RunFlags.DatadogSecret.Name}: cannot read Secret {secret}: {why}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            error($"{RunFlags.DatadogSecret.Name}: cannot read Secret {secret}: {e.Message.ReplaceLineEndings(" ")}");
        }
        return null;
    }

    private static string Text(byte[] value) => Encoding.UTF8.GetString(value).Trim();
}
