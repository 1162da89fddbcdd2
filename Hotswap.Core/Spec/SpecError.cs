namespace Hotswap.Core.Spec;

/// <summary>
/// A problem with a System manifest, as a value a person can act on:
/// <c>spec.applications[0].alb.updateStrategy.stepWeight (line 42): must be between 1 and totalWeight (100), got 0</c>.
/// </summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>unknown-field</c>.</param>
/// <param name="Path">Field path in the manifest, e.g. <c>spec.applications[1].argocd</c>.</param>
/// <param name="Message">What is wrong and what to do about it.</param>
/// <param name="Line">1-based line in the source, when known.</param>
public sealed record SpecError(string Code, string Path, string Message, int? Line = null)
{
    public override string ToString() => (Path, Line) switch
    {
        ("", { } line) => $"line {line}: {Message}",
        ("", null) => Message,
        (_, { } line) => $"{Path} (line {line}): {Message}",
        _ => $"{Path}: {Message}",
    };
}
