using System.Globalization;
using System.Text.Json.Nodes;
using Hotswap.Core.Controls;
using Hotswap.Core.Documents;
using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using LanguageExt;

namespace Hotswap.Operator.Cli;

/// <summary>
/// A System as the API server holds it, read for the CLI: what its annotations ask for, what its
/// spec says (parsed without validation, so an invalid System can still be shown and controlled)
/// and what its status records.
/// </summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="ResourceVersion">metadata.resourceVersion, guarding the pause list's writes.</param>
/// <param name="Generation">metadata.generation.</param>
/// <param name="Annotations">metadata.annotations.</param>
/// <param name="Spec">The spec, when it could be read.</param>
/// <param name="Status">status, when one was recorded and could be read.</param>
/// <param name="Problems">Why the spec or the status could not be read.</param>
/// <param name="RequestsHandledAt">status.applications[].requestsHandledAt: the newest request each application handled.</param>
/// <param name="DeletionTimestamp">metadata.deletionTimestamp, once deletion was requested.</param>
public sealed record StoredSystem(
    string Name,
    string Namespace,
    string ResourceVersion,
    long Generation,
    IReadOnlyDictionary<string, string> Annotations,
    SystemSpec? Spec,
    SystemStatus? Status,
    IReadOnlyList<string> Problems,
    IReadOnlyDictionary<string, DateTimeOffset> RequestsHandledAt,
    DateTimeOffset? DeletionTimestamp)
{
    /// <summary>The spec's applications in spec order; the status's when the spec cannot be read.</summary>
    public IReadOnlyList<string> ApplicationNames =>
        Spec is not null ? [.. Spec.Applications.Map(a => a.Name)]
        : Status is not null ? [.. Status.Applications.Map(a => a.Name)]
        : [];

    public ManualControls Controls =>
        ManualControls.FromAnnotations(Prelude.toMap(Annotations.Select(kv => (kv.Key, kv.Value))));

    public ApplicationStatus? Application(string name) =>
        Status?.Applications.Find(a => a.Name == name).MatchUnsafe(a => a, () => null);

    public RollbackPolicy Rollback => Spec?.Rollback ?? RollbackPolicy.Default;

    /// <summary>Reads the object as the API returned it (JSON).</summary>
    public static StoredSystem FromJson(JsonObject o)
    {
        var meta = o["metadata"] as JsonObject ?? [];
        var problems = new List<string>();
        SystemSpec? spec = SystemManifest.ParseWithoutValidation(o.ToJsonString()).Match(
            s => (SystemSpec?)s,
            errors =>
            {
                problems.Add($"the spec cannot be read: {string.Join("; ", errors.Map(e => e.ToString()))}");
                return null;
            });
        SystemStatus? status = null;
        if (o["status"] is JsonObject s && s.Count > 0)
            status = ObjectDocuments.ParseSystemStatus(s.ToJsonString()).Match(
                x => (SystemStatus?)x,
                errors =>
                {
                    problems.Add($"the status cannot be read: {string.Join("; ", errors.Map(e => e.ToString()))}");
                    return null;
                });
        return new StoredSystem(
            Text(meta["name"]),
            Text(meta["namespace"]),
            Text(meta["resourceVersion"]),
            meta["generation"] is JsonValue g && g.TryGetValue<long>(out var generation) ? generation : 0,
            Strings(meta["annotations"]),
            spec,
            status,
            problems,
            HandledAt(o["status"]?["applications"] as JsonArray),
            Time(Text(meta["deletionTimestamp"])));
    }

    /// <summary>
    /// Read from the JSON rather than the typed status, so the CLI sees it whether or not its
    /// Core already knows the field.
    /// </summary>
    private static Dictionary<string, DateTimeOffset> HandledAt(JsonArray? applications)
    {
        var handled = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var a in applications?.OfType<JsonObject>() ?? [])
            if (Time(Text(a["requestsHandledAt"])) is { } at)
                handled[Text(a["name"])] = at;
        return handled;
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static Dictionary<string, string> Strings(JsonNode? node) =>
        (node as JsonObject)?.ToDictionary(kv => kv.Key, kv => Text(kv.Value), StringComparer.Ordinal)
        ?? new Dictionary<string, string>(StringComparer.Ordinal);

    private static DateTimeOffset? Time(string text) =>
        text.Length > 0 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t : null;
}
