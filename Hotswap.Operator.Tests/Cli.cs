using System.Text;

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

    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static CliRun Run(params string[] args)
    {
        Gate.Wait();
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
            Gate.Release();
        }
    }

    /// <summary>
    /// Starts a command that runs until stopped (<c>get -w</c>): its output can be read while it
    /// runs, and <see cref="RunningCli.StopAsync"/> cancels it as Ctrl+C would.
    /// </summary>
    public static async Task<RunningCli> StartAsync(params string[] args)
    {
        await Gate.WaitAsync();
        var before = (Console.Out, Console.Error, Environment.CurrentDirectory);
        var output = new SharedWriter();
        var error = new SharedWriter();
        Console.SetOut(output);
        Console.SetError(error);
        Environment.CurrentDirectory = RepoFiles.Root;
        var stop = new CancellationTokenSource();
        var exit = Task.Run(() => Program.MainAsync(args, stop.Token));
        return new RunningCli(exit, output, error, stop, () =>
        {
            Console.SetOut(before.Out);
            Console.SetError(before.Error);
            Environment.CurrentDirectory = before.CurrentDirectory;
            Gate.Release();
        });
    }
}

/// <summary>A command started by <see cref="Cli.StartAsync"/>.</summary>
public sealed class RunningCli(Task<int> exit, SharedWriter output, SharedWriter error, CancellationTokenSource stop, Action restore)
{
    public string Out => output.Text;
    public string Error => error.Text;

    /// <summary>Waits until the output satisfies <paramref name="seen"/>; false when the time is up or the command ended.</summary>
    public async Task<bool> WaitForOutput(Func<string, bool> seen, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline && !exit.IsCompleted)
        {
            if (seen(Out)) return true;
            await Task.Delay(50);
        }
        return seen(Out);
    }

    /// <summary>Cancels it (Ctrl+C) and waits for it to end.</summary>
    public async Task<CliRun> StopAsync()
    {
        try
        {
            await stop.CancelAsync();
            var code = await exit.WaitAsync(TimeSpan.FromSeconds(10));
            return new CliRun(code, Out, Error);
        }
        finally
        {
            stop.Dispose();
            restore();
        }
    }
}

/// <summary>A TextWriter that one thread writes while another reads what it holds so far.</summary>
public sealed class SharedWriter : TextWriter
{
    private readonly StringBuilder text = new();

    public SharedWriter() => NewLine = "\n";

    public override Encoding Encoding => Encoding.UTF8;

    public string Text { get { lock (text) return text.ToString(); } }

    public override void Write(char value) { lock (text) text.Append(value); }

    public override void Write(string? value) { lock (text) text.Append(value); }

    public override void Write(char[] buffer, int index, int count) { lock (text) text.Append(buffer, index, count); }
}

[CollectionDefinition(Cli.Collection, DisableParallelization = true)]
public sealed class ConsoleCollection;
