namespace Hotswap.Operator.Cli;

/// <summary>
/// Why a command cannot do what it was asked, in a sentence a person can act on. Thrown by the
/// CLI's own steps and caught once per command, which prints it and exits 1.
/// </summary>
public sealed class CliFailure(string message) : Exception(message);
