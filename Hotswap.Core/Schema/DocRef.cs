namespace Hotswap.Core.Schema;

/// <summary>
/// Where a field's description comes from: the XML doc comment of a C# type (its summary) or of
/// one of a record's parameters (<c>&lt;param name="…"&gt;</c>), so the CRD says what the code
/// says; or, for fields with no C# counterpart, the text itself.
/// </summary>
/// <param name="Type">The documented type.</param>
/// <param name="Param">A record parameter of <paramref name="Type"/>; null for the type's summary.</param>
/// <param name="Text">Literal text, used when <paramref name="Type"/> is null.</param>
public sealed record DocRef(Type? Type, string? Param = null, string? Text = null)
{
    public static DocRef Of<T>(string? param = null) => new(typeof(T), param);

    public static DocRef Literal(string text) => new(null, null, text);

    /// <summary>The XML doc id of the type, e.g. <c>T:Hotswap.Core.Spec.ClusterSpec</c>.</summary>
    public string? MemberId => Type is null ? null : "T:" + Type.FullName!.Replace('+', '.');
}
