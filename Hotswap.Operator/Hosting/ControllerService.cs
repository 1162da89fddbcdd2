using Hotswap.Operator.Observability;
using Hotswap.Operator.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// The controller inside the host: caches start at once on every replica (a replica that becomes
/// leader starts from a warm cache); workers run as <see cref="LeaderElectedWorkers"/> allows.
/// The caches outlive the workers, so a command finishing at shutdown still has them. A failure
/// is kept in <see cref="Failure"/> and stops the host, so the process exits 1.
/// </summary>
public sealed class ControllerService(
    IOperatorController controller, LeaderElectedWorkers workers, IHostApplicationLifetime lifetime, ILogger<ControllerService> logger)
    : BackgroundService
{
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var caches = new CancellationTokenSource();
        try
        {
            await controller.StartCachesAsync(caches.Token);
            LogLine.Write(logger, LogLevel.Information, "Started caches");
            await workers.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Failure = e;
            LogLine.Write(logger, LogLevel.Error, e, "Controller failed; stopping");
            lifetime.StopApplication();
        }
        finally
        {
            await caches.CancelAsync();
        }
    }
}
