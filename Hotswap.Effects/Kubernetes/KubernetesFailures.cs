using System.Net;
using System.Text.Json;
using Hotswap.Effects.Ports;
using k8s.Autorest;

namespace Hotswap.Effects.Kubernetes;

/// <summary>
/// Translates what KubernetesClient throws into <see cref="PortException"/>s, reading the API's
/// Status object (reason, message) so a 409 tells AlreadyExists from a stale resourceVersion.
/// </summary>
internal static class KubernetesFailures
{
    public static async Task<T> Call<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            throw Translate(what, e.Response.StatusCode, e.Response.Content);
        }
        catch (HttpRequestException e)
        {
            throw new PortException(PortErrorKind.ServerError, $"{what}: the Kubernetes API is unreachable: {e.Message}");
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new PortException(PortErrorKind.ServerError, $"{what}: the Kubernetes API timed out");
        }
    }

    public static Task Call(string what, Func<Task> call) =>
        Call<bool>(what, async () => { await call(); return true; });

    public static PortException Translate(string what, HttpStatusCode code, string? body)
    {
        var (reason, message) = StatusOf(body);
        var detail = $"{what}: {(message.Length > 0 ? message : $"HTTP {(int)code}")}";
        return (int)code switch
        {
            404 => new PortException(PortErrorKind.NotFound, detail),
            409 when reason == "AlreadyExists" => new PortException(PortErrorKind.AlreadyExists, detail),
            409 => new PortException(PortErrorKind.Conflict, detail),
            422 or 400 => new PortException(PortErrorKind.Validation, detail),
            401 or 403 => new PortException(PortErrorKind.Forbidden, detail),
            429 => new PortException(PortErrorKind.Throttled, detail),
            _ => new PortException(PortErrorKind.ServerError, detail),
        };
    }

    private static (string Reason, string Message) StatusOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ("", "");
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return (Text(root, "reason"), Text(root, "message"));
        }
        catch (JsonException)
        {
            return ("", body.Length > 200 ? body[..200] : body);
        }
    }

    private static string Text(JsonElement e, string key) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString() ?? "" : "";
}
