namespace Hotswap.Operator.Observability;

/// <summary>
/// Counts every request the Kubernetes client sends, where it happens — on the wire — by
/// operation (<see cref="KubernetesOperation"/>) and result. A watch counts once, when its
/// response starts. A request that got no answer counts as Unreachable; one cancelled by us, as Cancelled.
/// </summary>
public sealed class KubernetesCallCounter(OperatorMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = KubernetesOperation.Of(request.Method, request.RequestUri!);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            metrics.KubernetesRequest(operation, KubernetesOperation.Result((int)response.StatusCode));
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            metrics.KubernetesRequest(operation, "Cancelled");
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            metrics.KubernetesRequest(operation, "Unreachable");
            throw;
        }
    }
}
