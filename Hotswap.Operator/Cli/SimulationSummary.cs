using Hotswap.Core.Documents;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;
using Spectre.Console;

namespace Hotswap.Operator.Cli;

/// <summary>What a simulated migration came to: the totals, each application's end state, and a one-line verdict.</summary>
public static class SimulationSummary
{
    public static void Write(IAnsiConsole console, string system, SimulationResult result)
    {
        console.WriteLine();
        console.Write(Totals(result));
        console.Write(Applications(result.FinalStatus));
        console.MarkupLine(Verdict(system, result));
    }

    /// <summary>"✓ mysystem ended Synced after 14m10s simulated: 10 weight steps, 0 rollbacks, 0 invariant violations".</summary>
    public static string Verdict(string system, SimulationResult r)
    {
        var ok = SimulateCommand.ExitCode(r) == SimulateCommand.Synced;
        var mark = ok ? "[green]✓[/]" : "[red]✗[/]";
        var how = $"{r.Counts.Commands("SetForwardWeights")} weight change(s), {r.Counts.Rollbacks} rollback(s), " +
                  $"{r.Counts.Crashes} crash(es), {r.InvariantViolations.Count} invariant violation(s)";
        var why = r.NonConvergence.Match(n => $" [red]— did not converge: {Markup.Escape(n)}[/]", () => "");
        var message = ok ? "" : $" [grey]— {Markup.Escape(Arns.Shorten(r.FinalStatus.Message))}[/]";
        return $"{mark} [bold]{Markup.Escape(system)}[/] ended {SimulationText.Phase(r.FinalPhase)} after " +
               $"{Durations.Format(r.SimulatedDuration)} simulated: {how}{why}{message}";
    }

    private static Table Totals(SimulationResult r)
    {
        var c = r.Counts;
        var table = new Table().Title("Summary").HideHeaders().AddColumns("", "");
        table.AddRow("final phase", SimulationText.Phase(r.FinalPhase));
        table.AddRow("simulated duration", Durations.Format(r.SimulatedDuration));
        table.AddRow("reconciles", $"{c.Reconciles} pass(es): " +
                                   string.Join(", ", c.ReconcilesByKind.Map(kv => $"{kv.Value} {kv.Key}")));
        table.AddRow("weight changes", $"{c.Commands("SetForwardWeights")} SetForwardWeights, " +
                                     $"{c.PortCalls.Find("elbv2.ModifyRule").IfNone(0)} elbv2.ModifyRule call(s)");
        table.AddRow("commands executed", c.CommandsByKind.Values.Sum().ToString());
        foreach (var (kind, n) in c.CommandsByKind) table.AddRow($"  {kind}", n.ToString());
        var retries = c.CallRetries + c.FailedCommands + c.FailedObservations + c.FailedStatusWrites;
        table.AddRow("retries", $"{retries} ({c.CallRetries} AWS call(s) retried after throttling or 5xx, " +
                                $"{c.FailedCommands} failed command(s), {c.FailedObservations} failed observation(s), " +
                                $"{c.FailedStatusWrites} failed status write(s), each retried by a later reconcile)");
        table.AddRow("faults injected", c.FaultsInjected.ToString());
        table.AddRow("operator crashes", c.Crashes.ToString());
        table.AddRow("rollbacks", c.Rollbacks == 0 ? "0" : $"[yellow]{c.Rollbacks}[/]");
        table.AddRow("invariant violations", r.InvariantViolations.IsEmpty ? "[green]0[/]" : $"[bold red]{r.InvariantViolations.Count}[/]");
        return table;
    }

    private static Table Applications(SystemStatus status)
    {
        var table = new Table().Title("Applications at the end").AddColumns("application", "phase", "step", "weights", "message");
        foreach (var a in status.Applications)
            table.AddRow(Markup.Escape(a.Name), SimulationText.Phase(a.Phase), $"{a.Step}/{a.Steps}",
                Markup.Escape(SimulationText.Weights(a.Weights)), Markup.Escape(Arns.Shorten(a.Message)));
        return table;
    }
}
