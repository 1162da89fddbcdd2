using System.Globalization;
using System.Net;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// Where an HTTP endpoint listens, as controller-runtime's flags write it: <c>:8080</c> (every
/// interface), <c>127.0.0.1:8080</c>, <c>[::1]:8080</c>, <c>localhost:8080</c>. Port 0 asks for any
/// free port (the one taken is logged).
/// </summary>
/// <param name="Host">An IP address, "localhost", or "" for every interface.</param>
/// <param name="Port">0..65535.</param>
public sealed record BindAddress(string Host, int Port)
{
    /// <summary>
    /// The address, or null for "0" (the endpoint is disabled); <paramref name="error"/> says why
    /// <paramref name="text"/> is not one.
    /// </summary>
    public static BindAddress? Parse(string text, out string? error)
    {
        error = null;
        var s = text.Trim();
        if (s == "0") return null;
        var colon = s.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(s[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            error = $"\"{text}\" is not an address such as :8080 or 127.0.0.1:8080 (0 disables)";
            return null;
        }
        var host = s[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host is not ("" or "localhost") && !IPAddress.TryParse(host, out _))
        {
            error = $"\"{text}\": the host must be an IP address or localhost (or empty for every interface)";
            return null;
        }
        return new BindAddress(host, port);
    }

    public override string ToString() =>
        Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
