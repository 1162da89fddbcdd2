using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Hotswap.Effects.Metrics;

/// <summary>
/// Where a Prometheus is and how to reach it. Credentials here never appear in readings,
/// logs or messages.
/// </summary>
/// <param name="BaseUrl">e.g. https://prometheus.monitoring:9090/ (a path prefix is kept).</param>
/// <param name="BearerToken">Sent as Authorization: Bearer.</param>
/// <param name="BasicUser">With <paramref name="BasicPassword"/>, sent as Authorization: Basic.</param>
/// <param name="BasicPassword">Basic auth password.</param>
/// <param name="CaFile">A PEM file of the CA that signed Prometheus's TLS certificate, when not a public one.</param>
/// <param name="Timeout">How long one query may take; past it the reading is inconclusive.</param>
public sealed record PrometheusSettings(
    Uri BaseUrl,
    Option<string> BearerToken,
    Option<string> BasicUser,
    Option<string> BasicPassword,
    Option<string> CaFile,
    TimeSpan Timeout)
{
    /// <summary>The settings without their secrets, for printing.</summary>
    public override string ToString() =>
        $"PrometheusSettings {{ BaseUrl = {BaseUrl}, auth = {(BearerToken.IsSome ? "bearer" : BasicUser.IsSome ? "basic" : "none")}, CaFile = {CaFile.IfNone("-")} }}";

    public static PrometheusSettings At(Uri baseUrl) => new(baseUrl, None, None, None, None, TimeSpan.FromSeconds(30));

    /// <summary>An HttpClient trusting <see cref="CaFile"/> (when set) besides the system's roots.</summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler();
        foreach (var file in CaFile)
        {
            var ca = X509Certificate2.CreateFromPemFile(file);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) =>
            {
                if (errors == SslPolicyErrors.None) return true;
                if (cert is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(cert));
            };
        }
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
