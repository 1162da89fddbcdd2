using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hotswap.Core.Children;

namespace Hotswap.Effects.Metrics;

/// <summary>
/// A Prometheus instant query (/api/v1/query) at the measurement time. One number is a value; an
/// empty vector is no data; several series, NaN, ±Inf, Prometheus's own errors (with its message)
/// and timeouts are inconclusive with the reason.
/// </summary>
public sealed class PrometheusMetrics(HttpClient http, PrometheusSettings settings)
{
    public async Task<MetricReading> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellation = default)
    {
        var time = (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
        var uri = new Uri(settings.BaseUrl, $"api/v1/query?query={Uri.EscapeDataString(query)}&time={time}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var token in settings.BearerToken) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var user in settings.BasicUser)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{settings.BasicPassword.IfNone("")}")));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(settings.Timeout);
        string body;
        int status;
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new MetricReading.ProviderError($"prometheus did not answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new MetricReading.ProviderError($"prometheus at {settings.BaseUrl.Authority} unreachable: {e.Message}");
        }
        return Read(status, body);
    }

    /// <summary>The reading in a /api/v1/query answer.</summary>
    public static MetricReading Read(int status, string body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new MetricReading.ProviderError($"prometheus answered HTTP {status} with a body that is not JSON");
        }
        using (json)
        {
            var root = json.RootElement;
            if (Str(root, "status") != "success")
                return new MetricReading.ProviderError(
                    $"prometheus {Str(root, "errorType") ?? $"HTTP {status}"}: {Str(root, "error") ?? "no message"}");
            var data = root.GetProperty("data");
            var result = data.GetProperty("result");
            switch (Str(data, "resultType"))
            {
                case "scalar":
                    return Sample(result, "the scalar");
                case "vector":
                case "matrix":
                    var series = result.GetArrayLength();
                    if (series == 0) return new MetricReading.NoData();
                    if (series > 1)
                        return new MetricReading.ProviderError(
                            $"the query returned {series} series where one number was expected; aggregate it (sum, avg, max)");
                    var only = result[0];
                    if (only.TryGetProperty("value", out var value)) return Sample(value, "the value");
                    var values = only.GetProperty("values");
                    return values.GetArrayLength() == 0 ? new MetricReading.NoData() : Sample(values[values.GetArrayLength() - 1], "the last value");
                default:
                    return new MetricReading.ProviderError($"prometheus returned a {Str(data, "resultType")}, not a number");
            }
        }
    }

    private static MetricReading Sample(JsonElement pair, string what) =>
        MetricValues.Parse(pair[1].GetString() ?? "").Match(
            v => MetricValues.Of(v, what),
            () => new MetricReading.ProviderError($"{what} \"{pair[1].GetString()}\" is not a number"));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
