using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>Plain HTTP calls to the test API server, answering the status code and the JSON body.</summary>
internal sealed class ApiClient(string url) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = new Uri(url) };

    public Task<(int Code, JsonObject Body)> Get(string path) => Send(HttpMethod.Get, path, null, null);
    public Task<(int Code, JsonObject Body)> Post(string path, string json) => Send(HttpMethod.Post, path, json, "application/json");
    public Task<(int Code, JsonObject Body)> Put(string path, string json) => Send(HttpMethod.Put, path, json, "application/json");
    public Task<(int Code, JsonObject Body)> Patch(string path, string contentType, string body) => Send(HttpMethod.Patch, path, body, contentType);
    public Task<(int Code, JsonObject Body)> Delete(string path, string? json = null) => Send(HttpMethod.Delete, path, json, "application/json");

    private async Task<(int, JsonObject)> Send(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The lines of a watch that ends by itself (timeoutSeconds), as JSON events.</summary>
    public async Task<List<JsonObject>> WatchLines(string path, int max, TimeSpan within)
    {
        using var cancel = new CancellationTokenSource(within);
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<JsonObject>();
        try
        {
            while (events.Count < max && await reader.ReadLineAsync(cancel.Token) is { } line)
                events.Add(JsonNode.Parse(line)!.AsObject());
        }
        catch (OperationCanceledException)
        {
        }
        return events;
    }

    public void Dispose() => http.Dispose();
}
