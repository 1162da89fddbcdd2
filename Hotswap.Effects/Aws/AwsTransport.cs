using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Aws;

/// <summary>
/// Sends one signed AWS request and returns the response body, retrying throttling, 5xx and
/// dropped connections the standard-mode way (<see cref="AwsRetry"/>). An AWS error becomes a
/// <see cref="PortException"/> carrying AWS's code and message; credentials never appear in it.
/// </summary>
public sealed class AwsTransport(HttpClient http, AwsSettings settings, Func<DateTime>? utcNow = null)
{
    private Polly.ResiliencePipeline? pipeline;
    private readonly Func<DateTime> clock = utcNow ?? (() => DateTime.UtcNow);

    /// <summary>Called before each retry, with the failure that caused it (for counting).</summary>
    public Action<PortException>? Retried { get; init; }

    public AwsSettings Settings => settings;

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="pathAndQuery"/> to <paramref name="service"/>'s
    /// endpoint with <paramref name="body"/>; returns the body of a 2xx response.
    /// </summary>
    public async Task<string> SendAsync(
        string service, HttpMethod method, string pathAndQuery, byte[]? body, string? contentType,
        string operation, CancellationToken cancellation)
    {
        var uri = new Uri(settings.EndpointOf(service), pathAndQuery);
        pipeline ??= settings.Retry.Pipeline(e => Retried?.Invoke(e));
        return await pipeline.ExecuteAsync(
            async ct => await AttemptAsync(service, method, uri, body ?? [], contentType, operation, ct), cancellation);
    }

    private async Task<string> AttemptAsync(
        string service, HttpMethod method, Uri uri, byte[] body, string? contentType, string operation, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (method != HttpMethod.Get)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        var credentials = await settings.Credentials.GetCredentialsAsync();
        SigV4.Sign(request, body, credentials, settings.Region, service, clock());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(settings.AttemptTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new PortException(PortErrorKind.Unreachable,
                $"{operation}: no answer from {uri.Authority} within {settings.AttemptTimeout.TotalSeconds:0.#} s", "RequestTimeout");
        }
        catch (HttpRequestException e)
        {
            throw new PortException(PortErrorKind.Unreachable, $"{operation}: {uri.Authority}: {e.Message}", "ConnectionError");
        }
        catch (IOException e) when (e.InnerException is SocketException or null)
        {
            throw new PortException(PortErrorKind.Unreachable, $"{operation}: {uri.Authority}: {e.Message}", "ConnectionError");
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return text;
            var (code, message) = ParseError(text, response);
            throw new PortException(KindOf(response.StatusCode, code), $"{operation}: {code}: {message}", code);
        }
    }

    /// <summary>AWS's error code and message from a Query (XML) or REST JSON error body, else the HTTP status.</summary>
    public static (string Code, string Message) ParseError(string body, HttpResponseMessage response)
    {
        var headerCode = response.Headers.TryGetValues("x-amzn-ErrorType", out var v) ? v.FirstOrDefault()?.Split(':')[0] : null;
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            if (body.TrimStart().StartsWith('<'))
            {
                var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
                return (code ?? headerCode ?? status, message ?? status);
            }
            if (body.TrimStart().StartsWith('{'))
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                string? Str(params string[] names) => names.Select(n => root.TryGetProperty(n, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null)
                    .FirstOrDefault(s => s is not null);
                var code = headerCode ?? Str("__type", "code", "Code")?.Split('#').Last();
                return (code ?? status, Str("message", "Message") ?? status);
            }
        }
        catch (Exception e) when (e is System.Xml.XmlException or JsonException)
        {
            return (headerCode ?? status, $"unreadable error body: {Truncate(body)}");
        }
        return (headerCode ?? status, body.Length > 0 ? Truncate(body) : status);
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";

    /// <summary>How a wire error is retried and reported: by AWS's code first, then the HTTP status.</summary>
    public static PortErrorKind KindOf(HttpStatusCode status, string code) => code switch
    {
        "Throttling" or "ThrottlingException" or "ThrottledException" or "RequestThrottledException" or "TooManyRequestsException"
            or "RequestLimitExceeded" or "SlowDown" or "PriorRequestNotComplete" => PortErrorKind.Throttled,
        "RuleNotFound" or "TargetGroupNotFound" or "ListenerNotFound" or "LoadBalancerNotFound" or "ResourceNotFoundException"
            or "NotFoundException" => PortErrorKind.NotFound,
        "ValidationError" or "InvalidParameterException" or "InvalidRequestException" or "InvalidConfigurationRequest"
            or "TooManyTargetGroups" or "TooManyActions" or "InvalidLoadBalancerAction" => PortErrorKind.Validation,
        "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "UnrecognizedClientException"
            or "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "ExpiredTokenException" => PortErrorKind.AccessDenied,
        _ => (int)status switch
        {
            429 => PortErrorKind.Throttled,
            >= 500 => PortErrorKind.ServerError,
            401 or 403 => PortErrorKind.AccessDenied,
            404 => PortErrorKind.NotFound,
            _ => PortErrorKind.Validation,
        },
    };

    /// <summary>application/x-www-form-urlencoded body of Query-protocol parameters.</summary>
    public static byte[] FormBody(IEnumerable<(string Key, string Value)> parameters) =>
        Encoding.UTF8.GetBytes(string.Join("&", parameters.Select(p => $"{SigV4.Encode(p.Key)}={SigV4.Encode(p.Value)}")));
}
