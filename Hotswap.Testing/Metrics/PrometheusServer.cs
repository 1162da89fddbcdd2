using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Testing.Metrics;

/// <summary>
/// A real Prometheus (Debian's package) on 127.0.0.1 with a temporary data directory, scraping a
/// loopback target every second whose gauges the test sets with <see cref="Set"/>. One per test
/// class; stopped and its directory removed on dispose.
/// </summary>
public sealed partial class PrometheusServer : IAsyncDisposable
{
    private readonly PeerProcess process;
    private readonly LoopbackServer target;
    private readonly string directory;
    private readonly ConcurrentDictionary<string, string> gauges;
    private readonly HttpClient http = new();

    private PrometheusServer(PeerProcess process, LoopbackServer target, string directory, ConcurrentDictionary<string, string> gauges, Uri url)
    {
        this.process = process;
        this.target = target;
        this.directory = directory;
        this.gauges = gauges;
        Url = url;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Url { get; }

    /// <summary>The scrape target's job label.</summary>
    public const string Job = "hotswap-test";

    public static async Task<PrometheusServer> StartAsync()
    {
        var program = Peer.Require("prometheus");
        var gauges = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var target = await LoopbackServer.StartAsync(ctx =>
        {
            var sb = new StringBuilder();
            foreach (var (series, value) in gauges.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                var name = series.Split('{')[0];
                sb.Append("# TYPE ").Append(name).Append(" gauge\n").Append(series).Append(' ').Append(value).Append('\n');
            }
            ctx.Response.ContentType = "text/plain; version=0.0.4";
            return ctx.Response.WriteAsync(sb.ToString());
        });
        var directory = Directory.CreateTempSubdirectory("hotswap-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config,
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n" +
            $"scrape_configs:\n  - job_name: {Job}\n    static_configs:\n      - targets: ['{target.Url.Authority}']\n");
        // Port 0: the OS picks a free port as Prometheus binds it, and Prometheus logs it (msg="Listening on" address=127.0.0.1:PORT).
        var process = new PeerProcess(program, [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            "--web.listen-address=127.0.0.1:0",
        ]);
        var listening = await process.WaitForLineAsync(ListeningOn(), TimeSpan.FromSeconds(60), "prometheus");
        var server = new PrometheusServer(process, target, directory, gauges, new Uri($"http://127.0.0.1:{listening.Groups[1].Value}/"));
        await process.WaitUntilAsync(async () =>
            (await server.http.GetAsync(new Uri(server.Url, "-/ready"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "prometheus");
        return server;
    }

    /// <summary>Serves <paramref name="series"/> (e.g. "http_errors_ratio{app=\"web\"}") with <paramref name="value"/> from now on.</summary>
    public void Set(string series, double value) =>
        gauges[series] = value switch
        {
            double.NaN => "NaN",
            double.PositiveInfinity => "+Inf",
            double.NegativeInfinity => "-Inf",
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };

    /// <summary>Waits until Prometheus answers <paramref name="query"/> with <paramref name="value"/> (it scrapes every second).</summary>
    public async Task WaitForAsync(string query, string value)
    {
        await process.WaitUntilAsync(async () =>
        {
            var body = await http.GetStringAsync(new Uri(Url, $"api/v1/query?query={Uri.EscapeDataString(query)}"));
            return body.Contains($"\"{value}\"]", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), $"prometheus to scrape {query} = {value}");
    }

    public async ValueTask DisposeAsync()
    {
        process.Dispose();
        await target.DisposeAsync();
        http.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"msg=""Listening on"" address=127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningOn();
}
