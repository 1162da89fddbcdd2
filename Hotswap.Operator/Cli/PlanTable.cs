using Hotswap.Core.Documents;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using LanguageExt;
using Spectre.Console;

namespace Hotswap.Operator.Cli;

/// <summary>A plan as tables a person reads top to bottom: where the System is, what moves, what runs.</summary>
public static class PlanTable
{
    public static void Write(SystemPlan plan)
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
        var status = plan.System.Status;
        AnsiConsole.MarkupLine($"[bold]System[/] phase [bold]{status.Phase}[/] ({Markup.Escape(status.Progress)}) at {plan.Now:O}");
        AnsiConsole.MarkupLine(Markup.Escape(Arns.Shorten(status.Message)));
        AnsiConsole.WriteLine();
        AnsiConsole.Write(Applications(status));
        foreach (var weights in plan.System.Commands.OfType<Command.SetForwardWeights>())
            AnsiConsole.Write(Weights(status, weights));
        AnsiConsole.Write(Commands(plan));
        var requeue = plan.System.RequeueAfter.Map(Durations.Format).IfNone("when something changes");
        AnsiConsole.MarkupLine($"Next reconcile of the System: {Markup.Escape(requeue)}");
    }

    private static Table Applications(SystemStatus status)
    {
        var table = new Table().Title("Applications").AddColumns("application", "phase", "step", "message");
        foreach (var a in status.Applications)
            table.AddRow(Markup.Escape(a.Name), Phase(a.Phase), $"{a.Step}/{a.Steps}", Markup.Escape(Arns.Shorten(a.Message)));
        return table;
    }

    private static Table Weights(SystemStatus status, Command.SetForwardWeights command)
    {
        var now = status.Application(command.Application).Bind(a => a.Weights);
        var arns = command.Forward.TargetGroups.Map(t => t.Arn)
            .Concat(now.Map(f => f.TargetGroups.Map(t => t.Arn)).IfNone(Prelude.Seq<string>()))
            .Distinct()
            .OrderBy(a => a, StringComparer.Ordinal);
        var table = new Table()
            .Title($"Weights of {Markup.Escape(command.Application)} (rule priority {command.Rule.Priority})")
            .AddColumns("target group", "now", "next", "");
        foreach (var arn in arns)
        {
            var before = now.Map(f => f.WeightOf(arn)).IfNone(0);
            var after = command.Forward.WeightOf(arn);
            table.AddRow(Markup.Escape(Arns.Shorten(arn)), before.ToString(), after.ToString(), Bar(after, command.Forward.TotalWeight));
        }
        return table;
    }

    private static Table Commands(SystemPlan plan)
    {
        var table = new Table().Title($"Commands ({plan.AllCommands.Count})").AddColumns("#", "by", "action", "target", "detail");
        var rows = plan.System.Commands.Map(c => ("system", c))
            + plan.ArgoCDClusters.Bind(d => d.Decision.Commands.Map(c => ($"argocdcluster/{d.Name}", c)))
            + plan.Deployments.Bind(d => d.Decision.Commands.Map(c => ($"argocdapplicationdeployment/{d.Name}", c)))
            + plan.Checks.Bind(d => d.Decision.Commands.Map(c => ($"check/{d.Name}", c)));
        var i = 0;
        foreach (var (by, c) in rows)
        {
            var action = c.Destructive ? $"[red]{Markup.Escape(c.Action)} (destructive)[/]" : Markup.Escape(c.Action);
            table.AddRow((++i).ToString(), Markup.Escape(by), action, Markup.Escape(Arns.Shorten(c.Target)), Markup.Escape(Arns.Shorten(c.Detail)));
        }
        if (i == 0) table.AddRow("-", "", "nothing to do", "", "");
        return table;
    }

    private static string Bar(int weight, int total)
    {
        var width = total == 0 ? 0 : (int)Math.Round(20.0 * weight / total);
        return new string('█', width) + new string('·', 20 - width);
    }

    private static string Phase(ApplicationPhase phase) => phase switch
    {
        ApplicationPhase.Synced => "[green]Synced[/]",
        ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed or ApplicationPhase.Failed
            or ApplicationPhase.FailedReverting => $"[red]{phase}[/]",
        ApplicationPhase.Reverting or ApplicationPhase.Reverted => $"[yellow]{phase}[/]",
        _ => phase.ToString(),
    };
}
