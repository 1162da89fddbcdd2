using Spectre.Console;

namespace Hotswap.Operator.Cli;

/// <summary>
/// Spectre consoles bound to whatever Console.Out and Console.Error are at the moment of the call
/// (so tests that redirect them see the output); wide when redirected, so tables do not wrap in logs.
/// </summary>
public static class Consoles
{
    public static IAnsiConsole Out() => Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error() => Create(Console.Error, Console.IsErrorRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected) console.Profile.Width = 200;
        return console;
    }
}
