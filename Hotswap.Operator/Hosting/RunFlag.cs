namespace Hotswap.Operator.Hosting;

/// <summary>
/// One flag of <c>hotswap run</c>, also settable by the environment variable
/// <see cref="EnvironmentVariable"/> (the flag wins when both are set).
/// </summary>
/// <param name="Name">e.g. "--workers".</param>
/// <param name="Alias">A short form ("-n"), or null.</param>
/// <param name="ValueName">How the help names its value: "N", "DURATION", "FILE".</param>
/// <param name="Default">The default, as the help and docs/operating.md say it.</param>
/// <param name="Description">One sentence for the help.</param>
/// <param name="Kind">One value, repeated, or a switch.</param>
public sealed record RunFlag(string Name, string? Alias, string ValueName, string Default, string Description, RunFlagKind Kind)
{
    /// <summary>HOTSWAP_ and the flag's name in capitals, dashes as underscores: --resync-period → HOTSWAP_RESYNC_PERIOD.</summary>
    public string EnvironmentVariable => "HOTSWAP_" + Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
}
