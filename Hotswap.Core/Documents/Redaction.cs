using System.Text.Json.Nodes;
using Hotswap.Core.Observed;

namespace Hotswap.Core.Documents;

/// <summary>
/// A world fit for a bug report: credentials in cluster secrets' config (ArgoCD's bearerToken,
/// password, TLS client key and cert) are replaced by "REDACTED". What hotswap itself writes
/// (awsAuthConfig, the cluster CA) holds no credential and stays as it is, so the redacted world
/// plans the same as the live one.
/// </summary>
public static class Redaction
{
    public const string Redacted = "REDACTED";

    private static readonly string[] Credentials = ["bearerToken", "password", "username", "keyData", "certData", "token"];

    public static World Redact(World world) =>
        world with { ClusterSecrets = world.ClusterSecrets.Map(s => s with { Config = RedactConfig(s.Config) }) };

    /// <summary>The config with every credential value replaced; unchanged text when it has none (or is not JSON).</summary>
    public static string RedactConfig(string config)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(config);
        }
        catch (System.Text.Json.JsonException)
        {
            return config.Length == 0 ? config : Redacted;
        }
        return Scrub(node) ? node!.ToJsonString() : config;
    }

    private static bool Scrub(JsonNode? node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (Credentials.Contains(key, StringComparer.Ordinal) && value is JsonValue)
                    {
                        o[key] = Redacted;
                        changed = true;
                    }
                    else changed |= Scrub(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) changed |= Scrub(item);
                break;
        }
        return changed;
    }
}
