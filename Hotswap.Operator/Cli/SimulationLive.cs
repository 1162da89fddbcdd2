using System.Diagnostics;
using System.Threading.Channels;
using Hotswap.Core.Spec;
using Hotswap.Effects.Simulation;
using LanguageExt;
using static LanguageExt.Prelude;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hotswap.Operator.Cli;

/// <summary>
/// The live view: the simulation runs on its own (it never sleeps) and hands every reconcile over
/// a channel; this side redraws one frame per reconcile, pausing after each one that changed
/// something so a person can follow it (40 ms, shortened so the whole replay takes at most ~8 s).
/// </summary>
public static class SimulationLive
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);
    private const int EventLines = 10;

    public static async Task<SimulationResult> RunAsync(
        IAnsiConsole console, SystemSpec target, Option<SystemSpec> from, SimulationScenario scenario, int seed, bool paced)
    {
        var channel = Channel.CreateUnbounded<TimelineEntry>();
        var simulation = Task.Run(async () =>
        {
            try { return await Simulator.RunAsync(target, from, scenario, seed, e => channel.Writer.TryWrite(e)); }
            finally { channel.Writer.Complete(); }
        });
        var frame = new Frame(target.Name);
        await console.Live(frame.Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            var clock = Stopwatch.StartNew();
            var drawn = TimeSpan.Zero;
            await foreach (var entry in channel.Reader.ReadAllAsync())
            {
                var changed = frame.Add(entry);
                // Quiet reconciles (waiting for a check interval) only move the clock: draw them now and then.
                if (!changed && clock.Elapsed - drawn < Pause) continue;
                live.UpdateTarget(frame.Render());
                drawn = clock.Elapsed;
                if (changed && paced) await Task.Delay(Delay(clock.Elapsed, simulation.IsCompleted, channel.Reader.Count));
            }
            live.UpdateTarget(frame.Render());
        });
        return await simulation;
    }

    /// <summary>40 ms, or less once the simulation is done and the rest must fit in what is left of 8 s.</summary>
    private static TimeSpan Delay(TimeSpan spent, bool done, int waiting)
    {
        var left = Budget - spent;
        if (left <= TimeSpan.Zero) return TimeSpan.Zero;
        var share = done ? left / Math.Max(1, waiting) : Pause;
        return share < Pause ? share : Pause;
    }

    /// <summary>What the screen shows: the newest reconcile and the recent events.</summary>
    private sealed class Frame(string system)
    {
        private readonly Queue<string> events = new();
        private TimelineEntry? last;

        /// <summary>Takes the reconcile in; true when it changed something worth a pause.</summary>
        public bool Add(TimelineEntry entry)
        {
            var changed = SimulationText.Changed(last, entry);
            var at = $"[grey]{SimulationText.Elapsed(entry.Elapsed),-9}[/]";
            foreach (var a in entry.Applications)
            {
                var before = last is null ? None : last.Applications.Find(p => p.Name == a.Name);
                if (before.IsNone || before.Exists(p => p.Phase != a.Phase))
                    Event($"{at} {Markup.Escape(a.Name)} → {SimulationText.Phase(a.Phase)}");
                else if (before.Exists(p => p.Step != a.Step))
                    Event($"{at} {Markup.Escape(a.Name)} step {a.Step}/{a.Steps}: {Markup.Escape(SimulationText.Weights(a.Weights))}");
            }
            if (!entry.Executed.IsEmpty) Event($"{at} ran {Markup.Escape(SimulationText.Executed(entry.Executed))}");
            foreach (var f in entry.Failures) Event($"{at} [red]! {Markup.Escape(Arns.Shorten(f))}[/]");
            if (entry.Crashed) Event($"{at} [bold red]operator crashed; it restarts with nothing in memory[/]");
            last = entry;
            return changed;
        }

        private void Event(string line)
        {
            events.Enqueue(line);
            while (events.Count > EventLines) events.Dequeue();
        }

        public IRenderable Render()
        {
            if (last is null)
                return new Markup($"[bold]{Markup.Escape(system)}[/]: starting the simulation…");
            var header = new Markup(
                $"[bold]System {Markup.Escape(system)}[/]  {SimulationText.Phase(last.Phase)}   " +
                $"simulated clock [bold]{SimulationText.Clock(last.Time)}[/] ({SimulationText.Elapsed(last.Elapsed)})   " +
                $"reconcile #{last.Round}\n[grey]{Markup.Escape(Arns.Shorten(last.Message))}[/]");
            var parts = new List<IRenderable> { header };
            parts.AddRange(last.Applications.Map(Application));
            parts.Add(new Panel(new Markup(events.Count == 0 ? "[grey]nothing yet[/]" : string.Join("\n", events)))
                .Header("recent events").Expand());
            return new Rows(parts);
        }

        private static IRenderable Application(ApplicationSnapshot a)
        {
            var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned()).AddColumn();
            foreach (var w in a.Weights)
                foreach (var t in w.TargetGroups)
                    grid.AddRow(Markup.Escape(SimulationText.TargetGroup(t.Arn)), t.Weight.ToString(),
                        $"[green]{SimulationText.Bar(t.Weight, w.TotalWeight)}[/]");
            var lines = new List<IRenderable>();
            if (a.Weights.Exists(w => !w.TargetGroups.IsEmpty)) lines.Add(grid);
            foreach (var c in a.Checks.OrderBy(c => c.Name, StringComparer.Ordinal))
                lines.Add(new Markup("check " + SimulationText.Check(c)));
            lines.Add(new Markup($"[grey]{Markup.Escape(Arns.Shorten(a.Message))}[/]"));
            return new Panel(new Rows(lines))
                .Header($"{Markup.Escape(a.Name)}  {SimulationText.Phase(a.Phase)}  step {a.Step}/{a.Steps}")
                .Expand();
        }
    }
}
