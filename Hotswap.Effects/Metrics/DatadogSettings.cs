namespace Hotswap.Effects.Metrics;

/// <summary>
/// Datadog's API: the site (datadoghq.com, datadoghq.eu, us3.datadoghq.com, ...) or a full base URL,
/// and the keys, which are sent only as the DD-API-KEY and DD-APPLICATION-KEY headers and never
/// appear in readings, logs or messages.
/// </summary>
public sealed record DatadogSettings(Uri BaseUrl, string ApiKey, string ApplicationKey, TimeSpan Timeout)
{
    /// <summary>https://api.SITE/ for a Datadog site.</summary>
    public static DatadogSettings ForSite(string site, string apiKey, string applicationKey) =>
        new(new Uri($"https://api.{site}/"), apiKey, applicationKey, TimeSpan.FromSeconds(30));

    /// <summary>The record without its keys, for printing.</summary>
    public override string ToString() => $"DatadogSettings {{ BaseUrl = {BaseUrl}, keys = (hidden) }}";
}
