namespace Hotswap.Operator.Cli;

/// <summary>What pause or resume does to the pause annotation.</summary>
/// <param name="Changes">false: the annotation already says so; nothing is written.</param>
/// <param name="Value">The annotation's new value; null removes it.</param>
/// <param name="Summary">What was done, for a person, e.g. "resumed web; the pause was \"*\" …".</param>
public sealed record PauseChange(bool Changes, string? Value, string Summary);
