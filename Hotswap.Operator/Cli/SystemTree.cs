using System.Globalization;
using Hotswap.Core.Status;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap get</c>'s tree: the System with its phase and conditions; each application with its
/// phase, step, what it waits for, weights per target group, checks and ArgoCD members; then the
/// recent Events. Plain text when the console has no colours (pipes, tests).
/// </summary>
public static class SystemTree
{
    private const int BarWidth = 20;

    /// <param name="view">What was read.</param>
    /// <param name="now">On a terminal, the current time: instants then also show their age. Null for stable text.</param>
    /// <param name="trouble">Why the view could not be refreshed, when it could not (-w keeps the last one).</param>
    public static IRenderable Render(SystemView view, DateTimeOffset? now, string? trouble = null)
    {
        var observed = view.ObservedGeneration is { } g ? $"observed {g}" : "not observed yet";
        var tree = new Tree(new Markup(
            $"[bold]System {E(view.Namespace)}/{E(view.Name)}[/]  {Phase(view.Phase)}  {E(view.Progress)}  " +
            $"[grey]generation {view.Generation}, {observed}[/]"));
        if (trouble is not null) tree.AddNode(new Markup($"[yellow]! {E(trouble)}[/]"));
        if (view.DeletionRequested is { } deleting) tree.AddNode(new Markup($"[red]deletion requested at {At(deleting, now)}[/]"));
        tree.AddNode(Text(view.Message));
        foreach (var p in view.Problems) tree.AddNode(new Markup($"[red]! {E(p)}[/]"));
        if (view.LastFailure is { } failure) tree.AddNode(new Markup($"[red]last failure: {E(Arns.Shorten(failure))}[/]"));
        if (view.Conditions.Count > 0)
        {
            var conditions = tree.AddNode("conditions");
            foreach (var c in view.Conditions) conditions.AddNode(Condition(c, view.Message, now));
        }
        foreach (var a in view.Applications) Application(tree.AddNode(ApplicationLabel(a)), a, now);
        var events = tree.AddNode(view.Events.Count == 0 ? "events: none" : "events (oldest first)");
        foreach (var e in view.Events)
        {
            var type = e.Type == "Warning" ? $"[yellow]{E(e.Type)}[/]" : E(e.Type);
            var count = e.Count > 1 ? $" (x{e.Count})" : "";
            events.AddNode(new Markup($"{At(e.LastTime, now)}  {type}  {E(e.Reason)}  {E(e.Kind)}/{E(e.Name)}: {E(Arns.Shorten(e.Note))}{count}"));
        }
        return tree;
    }

    private static Markup ApplicationLabel(ApplicationView a)
    {
        var paused = a.Paused ? "  [yellow]paused[/]" : "";
        return new Markup($"[bold]application {E(a.Name)}[/]  {Phase(a.Phase)}  step {a.Step}/{a.Steps}{paused}");
    }

    private static void Application(TreeNode node, ApplicationView a, DateTimeOffset? now)
    {
        if (a.Message.Length > 0) node.AddNode(Text(a.Message));
        if (a.WaitingFor.Length > 0)
            node.AddNode(new Markup($"waiting for {E(a.WaitingFor)}{(a.WaitingSince is { } since ? $" since {At(since, now)}" : "")}"));
        if (a.LastFailure is { } failure) node.AddNode(new Markup($"[red]last failure: {E(Arns.Shorten(failure))}[/]"));
        foreach (var r in a.Requests)
            node.AddNode(new Markup($"[yellow]{E(r.Kind)}{(r.Detail.Length > 0 ? $" ({E(r.Detail)})" : "")} requested at {At(r.At, now)}, not handled yet[/]"));
        if (a.Weights is { } w)
        {
            var priority = w.Priority is { } p ? $"rule priority {p}, " : "";
            var weights = node.AddNode($"weights ({priority}total {w.Total})");
            var width = w.TargetGroups.Select(t => t.Name.Length).DefaultIfEmpty(0).Max();
            var digits = w.TargetGroups.Select(t => t.Weight.ToString(CultureInfo.InvariantCulture).Length).DefaultIfEmpty(1).Max();
            foreach (var t in w.TargetGroups)
                weights.AddNode(new Markup(
                    $"{E(t.Name.PadRight(width))}  {t.Weight.ToString(CultureInfo.InvariantCulture).PadLeft(digits)}  {Bar(t.Weight, w.Total)}"));
        }
        if (a.Checks.Count > 0)
        {
            var checks = node.AddNode("checks");
            foreach (var c in a.Checks) checks.AddNode(Check(c, now));
        }
        if (a.Members is { } m)
        {
            var members = node.AddNode(new Markup($"members of {E(m.Set)}: {Phase(m.Phase)} [grey]({E(m.Message)})[/]"));
            foreach (var x in m.Members)
            {
                var state = x.Deployed ? "[green]Deployed[/]" : "[yellow]not Deployed[/]";
                members.AddNode(new Markup($"{E(x.Cluster)}  {state}{(x.Change.Length > 0 ? $"  ({E(x.Change)})" : "")}"));
            }
        }
    }

    private static Markup Check(CheckView c, DateTimeOffset? now)
    {
        var result = c.Result switch
        {
            "passed" => "[green]passed[/]",
            "failed" => "[red]failed[/]",
            "inconclusive" => "[yellow]inconclusive[/]",
            _ => "[grey]not measured[/]",
        };
        var on = c.Cluster is null ? "" : $" on {E(c.Cluster)}";
        var value = c.Value is { } v ? $" {Number(v)}" : "";
        var bounds = (c.Min, c.Max) switch
        {
            (null, null) => "",
            ({ } lo, null) => $" (min {Number(lo)})",
            (null, { } hi) => $" (max {Number(hi)})",
            ({ } lo, { } hi) => $" (min {Number(lo)}, max {Number(hi)})",
        };
        var at = c.At is { } t ? $" at {At(t, now)}" : "";
        var recent = c.Passed + c.Failed + c.Inconclusive == 0 ? ""
            : $"; recent: {c.Passed} passed, {c.Failed} failed, {c.Inconclusive} inconclusive";
        var why = c.Result is "failed" or "inconclusive" && c.Message.Length > 0 ? $": {E(c.Message)}" : "";
        var suspended = c.Suspended ? " [grey](suspended)[/]" : "";
        return new Markup($"{E(c.Check)}{on}: {result}{value}{bounds}{at}{recent}{why}{suspended}");
    }

    private static Markup Condition(Condition c, string systemMessage, DateTimeOffset? now)
    {
        var bad = c.Type == "Degraded" ? c.Status == "True" : c.Type != "Progressing" && c.Status != "True";
        var status = bad ? $"[yellow]{E(c.Status)}[/]" : E(c.Status);
        // A condition that is as it should be needs no words; Ready often repeats the System's message.
        var message = bad && c.Message.Length > 0 && c.Message != systemMessage ? $": {E(Arns.Shorten(c.Message))}" : "";
        return new Markup($"{E(c.Type)} {status}  {E(c.Reason)}  since {At(c.LastTransitionTime, now)}{message}");
    }

    private static string At(DateTimeOffset t, DateTimeOffset? now) =>
        now is { } n ? $"{Clock.Format(t)} ({Clock.Age(n - t)} ago)" : Clock.Format(t);

    private static string Bar(int weight, int total)
    {
        var width = total <= 0 ? 0 : (int)Math.Round((double)BarWidth * weight / total);
        return $"[green]{new string('█', width)}[/][grey]{new string('·', BarWidth - width)}[/]";
    }

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static Markup Text(string text) => new($"[grey]{E(Arns.Shorten(text))}[/]");

    private static string E(string text) => Markup.Escape(text);

    private static string Phase(string phase) => phase switch
    {
        "Synced" or "Deployed" or "Ready" => $"[green]{phase}[/]",
        "CheckFailed" or "PrecheckFailed" or "Failed" or "FailedReverting" => $"[red]{phase}[/]",
        "Reverting" or "Reverted" => $"[yellow]{phase}[/]",
        _ => $"[bold]{E(phase)}[/]",
    };
}
