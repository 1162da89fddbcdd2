using Xunit;

namespace Hotswap.Testing.Metrics;

/// <summary>One real Prometheus per test class; tests call <see cref="Require"/> first (skips outside CI when it is not installed).</summary>
public sealed class PrometheusFixture : IAsyncLifetime
{
    private PrometheusServer? server;

    public PrometheusServer Server => server ?? throw new InvalidOperationException("prometheus is not running");

    public void Require() => Peer.Require("prometheus");

    public async Task InitializeAsync()
    {
        if (Peer.Find("prometheus") is null) return;
        server = await PrometheusServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
    }
}
