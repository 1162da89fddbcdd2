using System.Net;
using Hotswap.Operator.Observability;
using Hotswap.Operator.Running;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// <c>hotswap run</c>'s process: Microsoft.Extensions.Hosting with the controller as a background
/// service (<see cref="ControllerService"/>) and, when an address is set, Kestrel serving
/// <c>/metrics</c> on the metrics address and <c>/healthz</c> and <c>/readyz</c> on the probe
/// address (both on one listener when the addresses are equal). Stopping (<see cref="Stop"/>, or
/// SIGTERM through <see cref="RunCommand"/>) gives the controller <see cref="ShutdownTimeout"/>:
/// within the Deployment's 30 s grace period.
/// </summary>
public sealed class OperatorHost : IAsyncDisposable
{
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    private const string EndpointItem = "hotswap.endpoint";
    private const string MetricsRole = "metrics";
    private const string HealthRole = "health";
    private const string BothRoles = "metrics+health";

    private readonly IHost host;
    private readonly bool web;
    private readonly BindAddress? metricsAt;
    private readonly BindAddress? healthAt;

    private OperatorHost(IHost host, RunSettings settings)
    {
        this.host = host;
        metricsAt = settings.MetricsAddress;
        healthAt = settings.HealthAddress;
        web = metricsAt is not null || healthAt is not null;
    }

    /// <summary>The controller's failure, when it ended the run.</summary>
    public Exception? Failure => host.Services.GetRequiredService<ControllerService>().Failure;

    /// <summary>Where /metrics is served once started (port 0 resolved); null when disabled.</summary>
    public Uri? MetricsUrl { get; private set; }

    /// <summary>Where /healthz and /readyz are served once started; null when disabled.</summary>
    public Uri? HealthUrl { get; private set; }

    public static OperatorHost Create(
        RunSettings settings, IKubernetes client, IOperatorController controller, OperatorMetrics metrics, ILoggerProvider logs,
        TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var metricsAt = settings.MetricsAddress;
        var healthAt = settings.HealthAddress;
        var web = metricsAt is not null || healthAt is not null;
        IHostApplicationBuilder builder = web
            ? WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "hotswap" })
            : Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "hotswap" });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(settings.LogLevel)
            .AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = ShutdownTimeout;
            o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
        });
        builder.Services.AddSingleton(controller);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(sp => new Readiness(controller, client, clock));
        builder.Services.AddSingleton(sp => new LeaderElectedWorkers(client, settings.LeaderElection, settings.Identity, controller,
            metrics, sp.GetRequiredService<ILoggerFactory>().CreateLogger<LeaderElectedWorkers>()));
        builder.Services.AddSingleton<ControllerService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControllerService>());
        if (!web) return new OperatorHost(((HostApplicationBuilder)builder).Build(), settings);

        var webBuilder = (WebApplicationBuilder)builder;
        webBuilder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            if (Shared(metricsAt, healthAt)) Listen(k, metricsAt!, BothRoles);
            else
            {
                if (metricsAt is not null) Listen(k, metricsAt, MetricsRole);
                if (healthAt is not null) Listen(k, healthAt, HealthRole);
            }
        });
        var app = webBuilder.Build();
        var readiness = app.Services.GetRequiredService<Readiness>();
        app.Run(ctx => Serve(ctx, metrics, readiness));
        return new OperatorHost(app, settings);
    }

    /// <summary>One listener serves both when both name the same fixed port; port 0 means a free port each.</summary>
    private static bool Shared(BindAddress? metrics, BindAddress? health) => metrics is not null && metrics == health && metrics.Port != 0;

    private static void Listen(KestrelServerOptions k, BindAddress at, string role)
    {
        void Configure(ListenOptions o) => o.Use(next => connection =>
        {
            connection.Items[EndpointItem] = role;
            return next(connection);
        });
        if (at.Host == "") k.ListenAnyIP(at.Port, Configure);
        else if (at.Host == "localhost") k.Listen(IPAddress.Loopback, at.Port, Configure);
        else k.Listen(IPAddress.Parse(at.Host), at.Port, Configure);
    }

    private static async Task Serve(HttpContext ctx, OperatorMetrics metrics, Readiness readiness)
    {
        var role = ctx.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(EndpointItem, out var r) == true ? r as string : null;
        var metricsHere = role is MetricsRole or BothRoles;
        var healthHere = role is HealthRole or BothRoles;
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        switch (ctx.Request.Path.Value)
        {
            case "/metrics" when metricsHere:
                ctx.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await metrics.WriteAsync(ctx.Response.Body, ctx.RequestAborted);
                return;
            case "/healthz" or "/livez" when healthHere:
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync("ok\n", ctx.RequestAborted);
                return;
            case "/readyz" when healthHere:
                var (ready, report) = await readiness.CheckAsync(ctx.RequestAborted);
                ctx.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync(report, ctx.RequestAborted);
                return;
            default:
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    public async Task StartAsync(CancellationToken cancellation = default)
    {
        await host.StartAsync(cancellation);
        if (!web) return;
        var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<OperatorHost>();
        // Kestrel reports its listeners in the order they were configured: metrics first, then probes.
        List<string> roles = Shared(metricsAt, healthAt) ? [BothRoles] : [.. new[] { metricsAt is null ? null : MetricsRole, healthAt is null ? null : HealthRole }.OfType<string>()];
        var urls = addresses.Select(Reachable).ToList();
        for (var i = 0; i < addresses.Count; i++)
        {
            var role = i < roles.Count ? roles[i] : null;
            LogLine.Write(logger, LogLevel.Information, "Started listening", ("address", addresses[i]), ("serves", Serves(role)));
            if (role is MetricsRole or BothRoles) MetricsUrl = urls[i];
            if (role is HealthRole or BothRoles) HealthUrl = urls[i];
        }
    }

    /// <summary>What a listener answers, for the log: a client that asked for port 0 learns the port and its use from this line.</summary>
    private static string Serves(string? role) => role switch
    {
        MetricsRole => "/metrics",
        HealthRole => "/healthz /livez /readyz",
        BothRoles => "/metrics /healthz /livez /readyz",
        _ => "-",
    };

    /// <summary>An address a client on this machine can call: a wildcard listener is reached on loopback.</summary>
    private static Uri Reachable(string address) =>
        new(address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://+", "://127.0.0.1", StringComparison.Ordinal));

    /// <summary>As SIGTERM: stop taking keys, finish the command in flight, release the lease, stop.</summary>
    public void Stop() => host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

    public Task WaitForShutdownAsync(CancellationToken cancellation = default) => host.WaitForShutdownAsync(cancellation);

    public Task StopAsync(CancellationToken cancellation = default) => host.StopAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        if (host is IAsyncDisposable d) await d.DisposeAsync();
        else host.Dispose();
    }
}
