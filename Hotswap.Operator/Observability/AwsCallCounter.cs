using Hotswap.Effects.Aws;

namespace Hotswap.Operator.Observability;

/// <summary>
/// Counts every request sent to AWS through <see cref="AwsTransport"/>'s HttpClient — each retry
/// is a request of its own — by service, operation (<see cref="AwsOperation"/>) and result: ok, or
/// AWS's error code (Throttling, RuleNotFound, ...), or ConnectionError / Timeout when no answer came.
/// </summary>
public sealed class AwsCallCounter(OperatorMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The raw header: the typed one (Headers.Authorization) does not parse a SigV4 value and reads null.
        var service = AwsOperation.Service(
            request.Headers.TryGetValues("Authorization", out var authorization) ? string.Join(", ", authorization) : null);
        var operation = service == "eks"
            ? AwsOperation.EksOperation(request.Method, request.RequestUri!.AbsolutePath)
            : AwsOperation.QueryAction(request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken),
                request.RequestUri!.Query);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            metrics.AwsRequest(service, operation, cancellationToken.IsCancellationRequested ? "Cancelled" : "Timeout");
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            metrics.AwsRequest(service, operation, "ConnectionError");
            throw;
        }
        if (response.IsSuccessStatusCode)
        {
            metrics.AwsRequest(service, operation, "ok");
            return response;
        }
        // The error code is in the body: buffer it, so the transport can still read it after us.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var (code, _) = AwsTransport.ParseError(await response.Content.ReadAsStringAsync(cancellationToken), response);
        metrics.AwsRequest(service, operation, code.StartsWith("HTTP ", StringComparison.Ordinal) ? $"HTTP{(int)response.StatusCode}" : code);
        return response;
    }
}
