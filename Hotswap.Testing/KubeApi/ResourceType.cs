using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>One printer column of a resource's table (kubectl get): a JSONPath into the object.</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority = 0, string Description = "", string Format = "")
{
    /// <summary>A cell computed from the object and the time, for the built-in columns JSONPath cannot express.</summary>
    public Func<JsonObject, DateTimeOffset, JsonNode?>? Compute { get; init; }
}

/// <summary>
/// A resource the test API server serves: where it lives on the wire (group, version, plural),
/// what discovery says about it, and — for custom resources — the structural schema enforced on writes.
/// Objects are stored per group and plural, so every served version of a CRD shares them.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    bool HasStatus,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<PrinterColumn> Columns,
    JsonObject? Schema = null,
    bool IsCustom = false,
    string? Storage = null,
    bool NameColumn = true)
{
    public string ApiVersion => Group == "" ? Version : $"{Group}/{Version}";
    public string GroupVersion => ApiVersion;

    /// <summary>Where objects are stored: every version of a group's plural shares one collection.</summary>
    public string StorageKey => Storage ?? $"{Group}/{Plural}";

    /// <summary>How error messages name it: "secrets", "systems.hotswap.mumoshu.github.io".</summary>
    public string GroupResource => Group == "" ? Plural : $"{Plural}.{Group}";

    /// <summary>How 422 messages name it: "Secret", "System.hotswap.mumoshu.github.io".</summary>
    public string GroupKind => Group == "" ? Kind : $"{Kind}.{Group}";

    /// <summary>The URL path of a collection: /api/v1/namespaces/ns/secrets, /apis/g/v/plural.</summary>
    public string CollectionPath(string? ns) =>
        (Group == "" ? "/api/v1" : $"/apis/{Group}/{Version}")
        + (Namespaced && ns is not null ? $"/namespaces/{ns}" : "")
        + $"/{Plural}";

    /// <summary>Custom resources and the workload kinds count spec changes in metadata.generation.</summary>
    public bool TracksGeneration => IsCustom || Group is "apps" or "batch" or "apiextensions.k8s.io";
}
