namespace Hotswap.Operator.Tests;

/// <summary>What one run of the <c>hotswap</c> executable printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>
/// Runs <see cref="Program.Main"/> in-process from the repository root with Console.Out and
/// Console.Error captured. Tests using it share the console, so they are in one collection.
/// </summary>
public static class Cli
{
    public const string Collection = "console";

    private static readonly object Gate = new();

    public static CliRun Run(params string[] args)
    {
        lock (Gate)
        {
            var (outBefore, errorBefore, dirBefore) = (Console.Out, Console.Error, Environment.CurrentDirectory);
            using var output = new StringWriter { NewLine = "\n" };
            using var error = new StringWriter { NewLine = "\n" };
            try
            {
                Console.SetOut(output);
                Console.SetError(error);
                Environment.CurrentDirectory = RepoFiles.Root;
                var code = Program.Main(args);
                return new CliRun(code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(outBefore);
                Console.SetError(errorBefore);
                Environment.CurrentDirectory = dirBefore;
            }
        }
    }
}

[CollectionDefinition(Cli.Collection, DisableParallelization = true)]
public sealed class ConsoleCollection;
