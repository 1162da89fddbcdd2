using System.CommandLine;
using System.Threading.Channels;
using k8s;
using Spectre.Console;
using Spectre.Console.Rendering;
using Command = System.CommandLine.Command;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap get SYSTEM [-w] [-o tree|json]</c>: the System as a tree (or a JSON document) —
/// phase, conditions, each application's step, weights, checks and members, recent Events. With
/// <c>-w</c> it stays on screen and is redrawn as the System and its children change, until Ctrl+C:
/// a live display on a terminal; elsewhere (pipes, logs) each changed view is printed again (the
/// tree after a "---" line, JSON as one more document). Only reads.
/// </summary>
public static class GetCommand
{
    /// <summary>Reads are at least this far apart, however fast the watches report changes.</summary>
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>On a terminal the ages ("5m ago") move on even when nothing changes.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public static Command Build()
    {
        var kube = new KubeconfigOptions();
        var system = new Argument<string>("SYSTEM") { Description = "The System's name" };
        var watch = new System.CommandLine.Option<bool>("--watch", "-w")
        {
            Description = "Keep it on screen, redrawn as the System and its children change, until Ctrl+C",
        };
        var output = new System.CommandLine.Option<string>("--output", "-o")
        {
            Description = "tree (default) or json",
            DefaultValueFactory = _ => "tree",
        };
        output.AcceptOnlyFromAmong("tree", "json");
        var command = new Command("get",
            "Show a System: phase, conditions, each application's step, weights, checks and ArgoCD members, recent events.")
        {
            system, watch, output,
        };
        kube.AddTo(command);
        command.SetAction((r, cancel) => CommandFailures.Catch(async () =>
        {
            var target = kube.Resolve(r);
            using var client = target.Client();
            var name = r.GetValue(system)!;
            var json = r.GetValue(output) == "json";
            var view = await SystemReading.ReadAsync(client, target, name);
            if (!r.GetValue(watch))
            {
                if (json) Console.Out.WriteLine(SystemViewJson.Write(view));
                else if (Console.IsOutputRedirected) Console.Out.Write(Plain(SystemTree.Render(view, null)));
                else Consoles.Out().Write(SystemTree.Render(view, DateTimeOffset.UtcNow));
                return 0;
            }
            await WatchAsync(new Refresh(client, target, name, view), json, cancel);
            return 0;
        }));
        return command;
    }

    private static async Task WatchAsync(Refresh refresh, bool json, CancellationToken cancel)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watching = SystemWatch.RunAsync(refresh.Target, refresh.Name, () => changes.Writer.TryWrite(true), stop.Token);
        try
        {
            if (json) await AppendAsync(refresh, changes.Reader, () => SystemViewJson.Write(refresh.View) + "\n", json: true, cancel);
            else if (Console.IsOutputRedirected)
                await AppendAsync(refresh, changes.Reader, () => Plain(SystemTree.Render(refresh.View, null, refresh.Trouble)), json: false, cancel);
            else await LiveAsync(refresh, changes.Reader, cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C: the view stays as it was last drawn.
        }
        finally
        {
            await stop.CancelAsync();
            await watching;
        }
    }

    /// <summary>
    /// Pipes and logs: the view again each time its text changes, the tree after a "---" line,
    /// JSON as the next document of a stream. A failed read shows in the tree; with JSON, on stderr.
    /// </summary>
    private static async Task AppendAsync(
        Refresh refresh, ChannelReader<bool> changes, Func<string> text, bool json, CancellationToken cancel)
    {
        var last = text();
        Console.Out.Write(last);
        await Console.Out.FlushAsync(cancel);
        while (!cancel.IsCancellationRequested)
        {
            await changes.ReadAsync(cancel);
            await refresh.AgainAsync(changes, cancel);
            if (json && refresh.Trouble is { } trouble) Console.Error.WriteLine(trouble);
            var now = text();
            if (now == last) continue;
            // JSON stays a stream of documents (jq reads it as such); the tree needs a line between views.
            if (!json) Console.Out.WriteLine("---");
            Console.Out.Write(now);
            await Console.Out.FlushAsync(cancel);
            last = now;
        }
    }

    /// <summary>A terminal: one live display, redrawn on every change and every second (ages move on).</summary>
    private static Task LiveAsync(Refresh refresh, ChannelReader<bool> changes, CancellationToken cancel) =>
        Consoles.Out().Live(SystemTree.Render(refresh.View, DateTimeOffset.UtcNow))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async live =>
            {
                while (!cancel.IsCancellationRequested)
                {
                    var wait = changes.WaitToReadAsync(cancel).AsTask();
                    await Task.WhenAny(wait, Task.Delay(Tick, cancel));
                    cancel.ThrowIfCancellationRequested();
                    if (changes.TryPeek(out _)) await refresh.AgainAsync(changes, cancel);
                    live.UpdateTarget(SystemTree.Render(refresh.View, DateTimeOffset.UtcNow, refresh.Trouble));
                }
            });

    /// <summary>Text as a pipe gets it: no colours, no cursor movement, wide enough not to wrap most lines.</summary>
    public static string Plain(IRenderable renderable)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        console.Write(renderable);
        return writer.ToString();
    }

    /// <summary>The last view read, and why the newest read failed if it did (the view is kept).</summary>
    private sealed class Refresh(IKubernetes client, KubeTarget target, string name, SystemView first)
    {
        private DateTimeOffset lastRead = DateTimeOffset.UtcNow;
        private DateTimeOffset lastGood = DateTimeOffset.UtcNow;

        public KubeTarget Target => target;
        public string Name => name;
        public SystemView View { get; private set; } = first;
        public string? Trouble { get; private set; }

        /// <summary>Reads again, no sooner than <see cref="MinimumInterval"/> after the last read; changes reported meanwhile are taken in by this read.</summary>
        public async Task AgainAsync(ChannelReader<bool> changes, CancellationToken cancel)
        {
            var wait = lastRead + MinimumInterval - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel);
            while (changes.TryRead(out _)) { }
            lastRead = DateTimeOffset.UtcNow;
            try
            {
                View = await SystemReading.ReadAsync(client, target, name);
                lastGood = lastRead;
                Trouble = null;
            }
            catch (Exception e) when (e is CliFailure or Hotswap.Effects.Ports.PortException)
            {
                Trouble = $"could not read it again at {Clock.Format(lastRead)}: {e.Message}; shown as read at {Clock.Format(lastGood)}";
            }
        }
    }
}
