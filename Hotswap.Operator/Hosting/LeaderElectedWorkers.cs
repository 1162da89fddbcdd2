using Hotswap.Operator.Observability;
using Hotswap.Operator.Running;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Runs the controller's workers only while this replica holds the Lease (KubernetesClient's
/// <see cref="LeaderElector"/> with a <see cref="LeaseLock"/>), or at once without election.
/// <list type="bullet">
/// <item>Losing the lease — the renew deadline passed, or another holder was seen — cancels the
/// workers at once; they stop before their next command. They must have stopped before this
/// replica tries to lead again, so two terms never overlap in one process.</item>
/// <item>Stopping (SIGTERM) cancels the workers, waits for the command in flight, then releases the
/// lease (<see cref="LeaseRelease"/>) so the other replica takes over without waiting for expiry.</item>
/// <item>Workers that crash end the run with their exception (the process exits 1 and is restarted).</item>
/// </list>
/// </summary>
public sealed class LeaderElectedWorkers(
    IKubernetes client, LeaderElectionSettings settings, string identity, IOperatorController controller,
    OperatorMetrics metrics, ILogger logger)
{
    /// <summary>How long releasing the lease may take at shutdown.</summary>
    public static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken stopping)
    {
        if (!settings.Enabled)
        {
            LogLine.Write(logger, LogLevel.Information, "Started workers without leader election", ("identity", identity));
            metrics.Leading(true);
            try
            {
                await controller.RunWorkersAsync(stopping);
            }
            finally
            {
                metrics.Leading(false);
            }
            return;
        }
        var lease = (Key: "lease", Value: (object?)$"{settings.Namespace}/{settings.Name}");
        using var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, settings.Namespace, settings.Name, identity))
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        });
        Term? term = null;
        var led = false;
        elector.OnStartedLeading += () =>
        {
            led = true;
            metrics.Leading(true);
            LogLine.Write(logger, LogLevel.Information, "Became leader", lease, ("identity", identity));
            term!.Start(controller);
        };
        elector.OnStoppedLeading += () => term?.Cancel();
        elector.OnNewLeader += holder =>
        {
            if (holder == identity) return;
            term?.Cancel();
            LogLine.Write(logger, LogLevel.Information, "Observed leader", lease, ("holder", holder));
        };
        elector.OnError += e => LogLine.Write(logger, LogLevel.Warning, "Could not take or renew lease", lease, ("error", e.Message));
        LogLine.Write(logger, LogLevel.Information, "Started leader election", lease, ("identity", identity));
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                using (term = new Term(stopping))
                {
                    try
                    {
                        await elector.RunUntilLeadershipLostAsync(term.Token);
                    }
                    catch (OperationCanceledException) when (term.Token.IsCancellationRequested)
                    {
                    }
                    catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
                    {
                        LogLine.Write(logger, LogLevel.Warning, "Could not take or renew lease", lease, ("error", e.Message));
                    }
                    var wasLeading = term.Started;
                    await term.StopAsync();
                    metrics.Leading(false);
                    if (wasLeading)
                        LogLine.Write(logger, LogLevel.Information, stopping.IsCancellationRequested ? "Stopped workers for shutdown" : "Lost leadership; stopped workers",
                            lease, ("identity", identity));
                }
                if (!stopping.IsCancellationRequested) await Pause(settings.RetryPeriod, stopping);
            }
        }
        finally
        {
            if (led) await Release(lease);
        }
    }

    private async Task Release((string, object?) lease)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReleaseTimeout);
            var released = await LeaseRelease.ReleaseAsync(client, settings.Namespace, settings.Name, identity, timeout.Token);
            LogLine.Write(logger, LogLevel.Information, released ? "Released lease" : "Left lease to its holder", lease, ("identity", identity));
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or OperationCanceledException or IOException)
        {
            LogLine.Write(logger, LogLevel.Warning, "Could not release lease; it expires by itself", lease, ("error", e.Message));
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One term of leadership: the workers' token, their task, and a crash that ends the run.</summary>
    private sealed class Term(CancellationToken stopping) : IDisposable
    {
        private readonly CancellationTokenSource leading = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        private Task? workers;

        public CancellationToken Token => leading.Token;

        public bool Started => workers is not null;

        public void Start(IOperatorController controller) =>
            workers = Task.Run(async () =>
            {
                try
                {
                    await controller.RunWorkersAsync(leading.Token);
                }
                finally
                {
                    // Workers that return on their own (a crash) end the term, so the elector stops renewing.
                    leading.Cancel();
                }
            });

        public void Cancel()
        {
            try
            {
                leading.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>Cancels the workers and waits until they stopped; rethrows a crash.</summary>
        public async Task StopAsync()
        {
            Cancel();
            try
            {
                if (workers is not null) await workers;
            }
            catch (OperationCanceledException) when (leading.IsCancellationRequested)
            {
                // Workers that end by throwing on their cancelled token stopped as asked.
            }
        }

        public void Dispose() => leading.Dispose();
    }
}
