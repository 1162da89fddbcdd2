using Hotswap.Effects.Simulation;
using Spectre.Console;

namespace Hotswap.Operator.Cli;

/// <summary>The timeline as one table: a row per application that moved, for every reconcile where something happened.</summary>
public static class SimulationTable
{
    public static void Write(IAnsiConsole console, SimulationResult result)
    {
        var table = new Table().Title("Timeline (reconciles that changed something)")
            .AddColumns("time", "elapsed", "application", "phase", "step", "weights", "what ran");
        TimelineEntry? previous = null;
        foreach (var entry in result.Timeline)
        {
            if (SimulationText.Changed(previous, entry)) Rows(table, previous, entry);
            previous = entry;
        }
        console.Write(table);
    }

    private static void Rows(Table table, TimelineEntry? previous, TimelineEntry entry)
    {
        var moved = entry.Applications
            .Filter(a => previous is null || !previous.Applications.Exists(p =>
                p.Name == a.Name && p.Phase == a.Phase && p.Step == a.Step && p.Weights == a.Weights))
            .ToList();
        var what = WhatRan(entry);
        if (moved.Count == 0)
        {
            table.AddRow(SimulationText.Clock(entry.Time), SimulationText.Elapsed(entry.Elapsed), "[grey](system)[/]",
                SimulationText.Phase(entry.Phase), "", "", what);
            return;
        }
        for (var i = 0; i < moved.Count; i++)
        {
            var a = moved[i];
            table.AddRow(
                i == 0 ? SimulationText.Clock(entry.Time) : "", i == 0 ? SimulationText.Elapsed(entry.Elapsed) : "",
                Markup.Escape(a.Name), SimulationText.Phase(a.Phase), $"{a.Step}/{a.Steps}",
                Markup.Escape(SimulationText.Weights(a.Weights)), i == 0 ? what : "");
        }
    }

    private static string WhatRan(TimelineEntry entry)
    {
        var parts = new List<string>();
        if (!entry.Executed.IsEmpty) parts.Add(Markup.Escape(SimulationText.Executed(entry.Executed)));
        parts.AddRange(entry.Failures.Map(f => $"[red]! {Markup.Escape(Arns.Shorten(f))}[/]"));
        if (entry.Crashed) parts.Add("[bold red]operator crashed[/]");
        return string.Join("\n", parts);
    }
}
