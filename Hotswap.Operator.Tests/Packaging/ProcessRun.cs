namespace Hotswap.Operator.Tests.Packaging;

/// <summary>What a child process printed and returned, and how long it took.</summary>
public sealed record ProcessRun(int ExitCode, string Out, string Error, TimeSpan Took)
{
    public override string ToString() => $"exit {ExitCode} after {Took.TotalSeconds:F1} s\n--- stdout\n{Out}\n--- stderr\n{Error}";
}
