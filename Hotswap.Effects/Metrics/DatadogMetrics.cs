using System.Globalization;
using System.Text.Json;
using Hotswap.Core.Children;

namespace Hotswap.Effects.Metrics;

/// <summary>
/// A Datadog timeseries query (GET /api/v1/query) over the check's interval ending at the
/// measurement time. The answer is the last non-null point of the one series; no series or only
/// nulls is no data; several series, NaN/±Inf, status "error", a rejected key and timeouts are
/// inconclusive with the reason.
/// </summary>
public sealed class DatadogMetrics(HttpClient http, DatadogSettings settings)
{
    public async Task<MetricReading> QueryAsync(string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellation = default)
    {
        var to = at.ToUnixTimeSeconds();
        var from = (at - window).ToUnixTimeSeconds();
        var uri = new Uri(settings.BaseUrl,
            $"api/v1/query?from={from.ToString(CultureInfo.InvariantCulture)}&to={to.ToString(CultureInfo.InvariantCulture)}&query={Uri.EscapeDataString(query)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("DD-API-KEY", settings.ApiKey);
        request.Headers.TryAddWithoutValidation("DD-APPLICATION-KEY", settings.ApplicationKey);
        request.Headers.Accept.ParseAdd("application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return Read((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new MetricReading.ProviderError($"datadog did not answer within {settings.Timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new MetricReading.ProviderError($"datadog at {settings.BaseUrl.Authority} unreachable: {e.Message}");
        }
    }

    /// <summary>The reading in a /api/v1/query answer.</summary>
    public static MetricReading Read(int status, string body)
    {
        if (status is 401 or 403)
            return new MetricReading.ProviderError(
                $"datadog refused the API or application key (HTTP {status}); check the keys' secret and their scopes");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new MetricReading.ProviderError($"datadog answered HTTP {status} with a body that is not JSON");
        }
        using (json)
        {
            var root = json.RootElement;
            if (status >= 400 || Str(root, "status") == "error")
                return new MetricReading.ProviderError($"datadog: {Errors(root) ?? $"HTTP {status}"}");
            if (!root.TryGetProperty("series", out var series) || series.GetArrayLength() == 0)
                return new MetricReading.NoData();
            if (series.GetArrayLength() > 1)
                return new MetricReading.ProviderError(
                    $"the query returned {series.GetArrayLength()} series where one number was expected; aggregate it (sum:, avg:, max:)");
            var points = series[0].TryGetProperty("pointlist", out var p) ? p.EnumerateArray().ToList() : [];
            var last = points.LastOrDefault(pt => pt.GetArrayLength() > 1 && pt[1].ValueKind != JsonValueKind.Null);
            if (last.ValueKind == JsonValueKind.Undefined) return new MetricReading.NoData();
            return last[1].ValueKind == JsonValueKind.Number
                ? MetricValues.Of(last[1].GetDouble(), "the last point")
                : MetricValues.Parse(last[1].GetString() ?? "").Match(
                    v => MetricValues.Of(v, "the last point"),
                    () => new MetricReading.ProviderError($"the last point \"{last[1]}\" is not a number"));
        }
    }

    private static string? Errors(JsonElement root) =>
        Str(root, "error") ?? (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
            ? string.Join("; ", e.EnumerateArray().Select(x => x.ToString()))
            : null);

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}
