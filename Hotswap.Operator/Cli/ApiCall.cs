using System.Net.Http;
using System.Text.Json;
using Hotswap.Effects.Ports;
using k8s.Autorest;

namespace Hotswap.Operator.Cli;

/// <summary>
/// The CLI's Kubernetes requests, their failures as <see cref="PortException"/>s (the kinds the
/// adapters use) whose message says what was asked, what the API answered and, when the server
/// could not be reached, which server and kubeconfig that was.
/// </summary>
public static class ApiCall
{
    public static async Task<T> Run<T>(KubeTarget target, string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            var (reason, message) = StatusOf(e.Response.Content);
            var detail = $"{what}: {(message.Length > 0 ? message : $"HTTP {(int)e.Response.StatusCode}")}";
            throw new PortException((int)e.Response.StatusCode switch
            {
                404 => PortErrorKind.NotFound,
                409 when reason == "AlreadyExists" => PortErrorKind.AlreadyExists,
                409 => PortErrorKind.Conflict,
                400 or 422 => PortErrorKind.Validation,
                401 or 403 => PortErrorKind.Forbidden,
                429 => PortErrorKind.Throttled,
                _ => PortErrorKind.ServerError,
            }, detail);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(target, what, e.Message);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw Unreachable(target, what, "no answer within 30s");
        }
        catch (PortException e) when (IsUnreachable(e))
        {
            // The adapters (KubernetesObjects) say "unreachable" without saying where.
            throw Unreachable(target, what, e.Message);
        }
    }

    public static Task Run(KubeTarget target, string what, Func<Task> call) =>
        Run<bool>(target, what, async () => { await call(); return true; });

    /// <summary>The adapters report a connection failure as ServerError "… unreachable" or "… timed out".</summary>
    private static bool IsUnreachable(PortException e) =>
        e.Kind == PortErrorKind.Unreachable
        || (e.Kind == PortErrorKind.ServerError && (e.Message.Contains("unreachable", StringComparison.Ordinal)
                                                    || e.Message.Contains("timed out", StringComparison.Ordinal)));

    private static PortException Unreachable(KubeTarget target, string what, string why) =>
        new(PortErrorKind.Unreachable,
            $"{what}: cannot reach the Kubernetes API server ({target.Where}, kubeconfig {target.Kubeconfig}): {why}");

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
