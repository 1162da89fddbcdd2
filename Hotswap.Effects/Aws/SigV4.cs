using System.Globalization;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Hotswap.Effects.Aws;

/// <summary>
/// Signature Version 4 for the requests the clients build: the canonical request is composed
/// here, hashing and the signature itself are AWSSDK.Core's <see cref="AWS4Signer"/>.
/// </summary>
public static class SigV4
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>
    /// Adds x-amz-date, x-amz-security-token (for session credentials) and Authorization to
    /// <paramref name="request"/>, whose body is <paramref name="body"/>; signs host, content-type
    /// and those, as botocore does for every service but S3.
    /// </summary>
    public static void Sign(
        HttpRequestMessage request, byte[] body, ImmutableCredentials credentials, string region, string service, DateTime utcNow)
    {
        var uri = request.RequestUri ?? throw new ArgumentException("request has no URI", nameof(request));
        var amzDate = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var payloadHash = Hex(AWS4Signer.ComputeHash(body));
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = HostHeader(uri),
            ["x-amz-date"] = amzDate,
        };
        if (request.Content?.Headers.ContentType is { } type) headers["content-type"] = type.ToString();
        if (credentials.UseToken) headers["x-amz-security-token"] = credentials.Token;
        var signedHeaders = string.Join(";", headers.Keys);
        var canonical = CanonicalRequest(request.Method.Method, uri, CanonicalQuery(uri.Query), headers, signedHeaders, payloadHash);
        var result = AWS4Signer.ComputeSignature(credentials, region, utcNow, service, signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        if (credentials.UseToken) request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    /// <summary>
    /// A presigned GET URL for <paramref name="uri"/> (its query carries the API parameters),
    /// valid <paramref name="expires"/>, with <paramref name="extraHeaders"/> signed beside host.
    /// </summary>
    public static Uri Presign(
        Uri uri, ImmutableCredentials credentials, string region, string service, DateTime utcNow, TimeSpan expires,
        IReadOnlyDictionary<string, string> extraHeaders)
    {
        var amzDate = utcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{utcNow:yyyyMMdd}/{region}/{service}/aws4_request";
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = HostHeader(uri) };
        foreach (var (k, v) in extraHeaders) headers[k.ToLowerInvariant()] = v;
        var signedHeaders = string.Join(";", headers.Keys);
        var query = ParseQuery(uri.Query);
        query.Add(("X-Amz-Algorithm", Algorithm));
        query.Add(("X-Amz-Credential", $"{credentials.AccessKey}/{scope}"));
        query.Add(("X-Amz-Date", amzDate));
        query.Add(("X-Amz-Expires", ((int)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        query.Add(("X-Amz-SignedHeaders", signedHeaders));
        if (credentials.UseToken) query.Add(("X-Amz-Security-Token", credentials.Token));
        var canonical = CanonicalRequest("GET", uri, JoinQuery(query), headers, signedHeaders, Hex(AWS4Signer.ComputeHash(System.Array.Empty<byte>())));
        var result = AWS4Signer.ComputeSignature(credentials, region, utcNow, service, signedHeaders, canonical);
        // The URL keeps the parameters in the order they were added, as botocore prints them;
        // only the canonical request (signed) sorts them.
        var inOrder = string.Join("&", query.Select(p => $"{Encode(p.Key)}={Encode(p.Value)}"));
        return new Uri($"{uri.Scheme}://{uri.Authority}{CanonicalPath(uri)}?{inOrder}&X-Amz-Signature={result.Signature}");
    }

    private static string CanonicalRequest(
        string method, Uri uri, string canonicalQuery, SortedDictionary<string, string> headers, string signedHeaders, string payloadHash)
    {
        var sb = new StringBuilder();
        sb.Append(method).Append('\n')
          .Append(CanonicalPath(uri)).Append('\n')
          .Append(canonicalQuery).Append('\n');
        foreach (var (k, v) in headers) sb.Append(k).Append(':').Append(v.Trim()).Append('\n');
        sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return sb.ToString();
    }

    /// <summary>The path with each segment encoded once more (SigV4 double-encodes everything but S3).</summary>
    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path.Length == 0) return "/";
        return string.Join("/", path.Split('/').Select(s => Encode(s)));
    }

    private static string HostHeader(Uri uri) => uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";

    private static string CanonicalQuery(string query) => JoinQuery(ParseQuery(query));

    private static List<(string Key, string Value)> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""))
            .ToList();

    private static string JoinQuery(IEnumerable<(string Key, string Value)> pairs) =>
        string.Join("&", pairs
            .Select(p => (Key: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));

    /// <summary>RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ percent-encoded, upper-case hex.</summary>
    public static string Encode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
