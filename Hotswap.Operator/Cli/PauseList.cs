using Hotswap.Core.Controls;

namespace Hotswap.Operator.Cli;

/// <summary>
/// The pause annotation (<see cref="ManualControls.PauseAnnotation"/>: "*" or "web,api") after a
/// pause or resume. Resuming one application while "*" is set pauses every other application of
/// the spec by name, so that only the one named moves on.
/// </summary>
public static class PauseList
{
    /// <summary>Pause <paramref name="application"/>, or every application when it is null.</summary>
    public static PauseChange Pause(string? current, string? application)
    {
        var (all, names) = Read(current);
        if (application is null)
            return all
                ? new PauseChange(false, current, "every application is already paused")
                : new PauseChange(true, "*", "paused every application");
        if (all) return new PauseChange(false, current, $"{application} is already paused (every application is)");
        if (names.Contains(application)) return new PauseChange(false, current, $"{application} is already paused");
        return new PauseChange(true, Format([.. names, application]), $"paused {application}");
    }

    /// <summary>Resume <paramref name="application"/>, or every application when it is null (the annotation goes).</summary>
    /// <param name="applications">The spec's applications, in spec order.</param>
    public static PauseChange Resume(string? current, string? application, IReadOnlyList<string> applications)
    {
        var (all, names) = Read(current);
        if (current is null) return new PauseChange(false, null, application is null ? "nothing is paused" : $"{application} is not paused");
        if (application is null) return new PauseChange(true, null, "resumed every application");
        if (all)
        {
            var others = applications.Where(a => a != application).Concat(names.Where(n => n != application)).Distinct().ToList();
            return new PauseChange(true, Format(others),
                $"resumed {application}; the pause was \"*\", so every other application stays paused, now by name: " +
                (others.Count == 0 ? "none" : string.Join(", ", others)));
        }
        if (!names.Contains(application)) return new PauseChange(false, current, $"{application} is not paused");
        return new PauseChange(true, Format(names.Where(n => n != application).ToList()), $"resumed {application}");
    }

    private static (bool All, List<string> Names) Read(string? value)
    {
        var parts = (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (parts.Contains("*"), parts.Where(p => p != "*").Distinct().ToList());
    }

    /// <summary>"web,api"; null (no annotation) for none.</summary>
    private static string? Format(IReadOnlyCollection<string> names) => names.Count == 0 ? null : string.Join(",", names);
}
