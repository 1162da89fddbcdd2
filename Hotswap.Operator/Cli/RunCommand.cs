using System.CommandLine;
using System.Runtime.InteropServices;
using Hotswap.Operator.Hosting;
using Hotswap.Operator.Observability;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap run</c>: the in-cluster operator. Flags (or their HOTSWAP_* variables) are read and
/// checked first — every bad value is one line on stderr and the exit code is 1 — then the
/// kubeconfig, the Datadog keys and the Prometheus token are read, the ports composed, and the
/// host runs until SIGTERM or Ctrl+C (exit 0) or until the controller fails (exit 1).
/// See docs/operating.md.
/// </summary>
public static class RunCommand
{
    public static Command Build(ControllerFactory? controllers)
    {
        var options = RunFlags.All.ToDictionary(f => f.Name, Option);
        var command = new Command("run", "Run the operator: watch Systems and drive their migrations (see docs/operating.md).");
        foreach (var option in options.Values) command.Options.Add(option);
        command.SetAction(async (result, cancellation) =>
        {
            var given = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var (name, option) in options)
            {
                if (result.GetResult(option) is not { } r || r.Implicit) continue;
                given[name] = option switch
                {
                    Option<string[]> many => result.GetValue(many) ?? [],
                    Option<string?> one => [result.GetValue(one) ?? "true"],
                    _ => [],
                };
            }
            return await RunAsync(given, Environment.GetEnvironmentVariable, controllers, Console.Error, handleSignals: true, cancellation);
        });
        return command;
    }

    private static Option Option(RunFlag flag)
    {
        var aliases = flag.Alias is null ? Array.Empty<string>() : [flag.Alias];
        var description = $"{flag.Description} (default: {flag.Default}; env {flag.EnvironmentVariable})";
        return flag.Kind switch
        {
            RunFlagKind.Repeated => new Option<string[]>(flag.Name, aliases)
            {
                Description = description, HelpName = flag.ValueName, Arity = ArgumentArity.OneOrMore,
            },
            RunFlagKind.Switch => new Option<string?>(flag.Name, aliases)
            {
                Description = description, HelpName = flag.ValueName, Arity = ArgumentArity.ZeroOrOne,
            },
            _ => new Option<string?>(flag.Name, aliases) { Description = description, HelpName = flag.ValueName },
        };
    }

    /// <summary>
    /// Runs the operator with flags <paramref name="given"/> (by name) and <paramref name="environment"/>.
    /// <paramref name="started"/> sees the host once it listens (tests stop it with <see cref="OperatorHost.Stop"/>).
    /// </summary>
    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, IReadOnlyList<string>> given, Func<string, string?> environment, ControllerFactory? controllers,
        TextWriter logs, bool handleSignals, CancellationToken cancellation, Action<OperatorHost>? started = null,
        TextWriter? errorOutput = null)
    {
        var stderr = errorOutput ?? Console.Error;
        var errors = new List<string>();
        var settings = RunSettings.Parse(given, environment, out var problems);
        errors.AddRange(problems);
        var kubeconfig = KubeconfigSource.Choose(
            given.TryGetValue(RunFlags.Kubeconfig.Name, out var k) ? k[^1] : environment(RunFlags.Kubeconfig.EnvironmentVariable), environment);
        var config = kubeconfig.Load(settings?.Context, out var configError);
        if (configError is not null) errors.Add(configError);
        if (controllers is null)
            errors.Add("hotswap run: this build has no controller wired in (Program passes none to RunCommand.Build)");
        if (settings is null || config is null || controllers is null) return Fail(stderr, errors);

        var prometheus = OperatorParts.Prometheus(settings, errors.Add);
        var metrics = new OperatorMetrics();
        using var client = new k8s.Kubernetes(config, new KubernetesCallCounter(metrics));
        var keys = await DatadogKeys.ReadAsync(client, settings.DatadogSecret, environment, errors.Add, cancellation);
        if (errors.Count > 0) return Fail(stderr, errors);

        using var logging = new LineLoggerProvider(logs, settings.LogFormat, settings.LogLevel);
        var logger = logging.CreateLogger("hotswap");
        var time = TimeProvider.System;
        var aws = OperatorParts.AwsTarget(settings);
        var (loadBalancer, eks, workloads) = OperatorParts.Aws(aws, settings, metrics, time);
        var telemetry = new ControllerTelemetry(metrics, logging.CreateLogger("controller"));
        var controller = controllers(new ControllerInputs(client, OperatorParts.Options(settings), loadBalancer, eks,
            OperatorParts.Metrics(prometheus, keys is { } dd ? OperatorParts.Datadog(settings.DatadogSite, dd) : null), workloads, time, telemetry));
        await using var host = OperatorHost.Create(settings, client, controller, metrics, logging, time);
        LogLine.Write(logger, LogLevel.Information, "Starting operator", ("identity", settings.Identity),
            ("namespaces", settings.Namespaces.Count == 0 ? "all" : string.Join(",", settings.Namespaces)),
            ("argocdNamespace", settings.ArgoNamespace), ("workers", settings.Workers), ("resyncPeriod", settings.ResyncPeriod),
            ("leaderElect", settings.LeaderElection.Enabled), ("dryRun", settings.DryRun), ("kubeconfig", kubeconfig.Origin),
            ("awsRegion", aws.Region),
            ("awsEndpoints", aws.Endpoints.IsEmpty ? "public" : string.Join(",", aws.Endpoints.AsEnumerable().Select(e => $"{e.Key}={e.Value}"))),
            ("prometheus", prometheus?.ToString() ?? "none"),
            ("datadog", keys is null ? "none" : settings.DatadogSecret is { } s ? $"{settings.DatadogSite}, keys from Secret {s}" : $"{settings.DatadogSite}, keys from DD_API_KEY/DD_APP_KEY"));
        using var signals = handleSignals ? Signals(host) : null;
        using var cancelled = cancellation.Register(host.Stop);
        try
        {
            await host.StartAsync(cancellation);
        }
        catch (IOException e)
        {
            // Kestrel could not bind (the port is taken): say which address, and stop what already started (the
            // caches and leader election start before the listeners) before the client they use is disposed.
            LogLine.Write(logger, LogLevel.Error, "Could not listen", ("error", e.Message));
            using var stopping = new CancellationTokenSource(OperatorHost.ShutdownTimeout);
            await host.StopAsync(stopping.Token);
            return 1;
        }
        started?.Invoke(host);
        await host.WaitForShutdownAsync();
        if (host.Failure is not null) return 1;
        LogLine.Write(logger, LogLevel.Information, "Stopped operator", ("identity", settings.Identity));
        return 0;
    }

    private static int Fail(TextWriter stderr, IEnumerable<string> errors)
    {
        foreach (var line in errors) stderr.WriteLine(line);
        return 1;
    }

    /// <summary>SIGTERM (the kubelet) and SIGINT (Ctrl+C) stop the host gracefully instead of ending the process.</summary>
    private static IDisposable Signals(OperatorHost host)
    {
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            host.Stop();
        }
        var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        return new Registrations(term, interrupt);
    }

    private sealed class Registrations(params IDisposable[] all) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in all) r.Dispose();
        }
    }
}
