using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;
using LanguageExt;
using Spectre.Console;

namespace Hotswap.Operator.Cli;

/// <summary>How the simulation's values read on screen; shared by the live view, the table and the summary.</summary>
public static class SimulationText
{
    /// <summary>"targetgroup/web-1-v2/73e2…" ARN → "web-1-v2".</summary>
    public static string TargetGroup(string arn) =>
        Arns.Shorten(arn) is var s && s.StartsWith("targetgroup/", StringComparison.Ordinal) ? s["targetgroup/".Length..] : s;

    /// <summary>"web-1-v1 45, web-2-v1 45, web-1-v2 5, web-2-v2 5", or "-" without a rule.</summary>
    public static string Weights(Option<ForwardConfig> weights) =>
        weights.Match(
            w => w.TargetGroups.IsEmpty ? "-" : string.Join(", ", w.TargetGroups.Map(t => $"{TargetGroup(t.Arn)} {t.Weight}")),
            () => "-");

    public static string Clock(DateTimeOffset time) => time.ToUniversalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Elapsed(TimeSpan elapsed) => "+" + Durations.Format(elapsed);

    /// <summary>"SetForwardWeights×1, JoinMembership×2".</summary>
    public static string Executed(Map<string, int> executed) =>
        string.Join(", ", executed.Map((kind, n) => n == 1 ? kind : $"{kind}×{n}").Values);

    /// <summary>A bar of 20 cells, filled in proportion: 30 of 100 → "██████··············".</summary>
    public static string Bar(int weight, int total)
    {
        var width = total <= 0 ? 0 : (int)Math.Round(20.0 * weight / total);
        return new string('█', width) + new string('·', 20 - width);
    }

    public static string Phase(SystemPhase phase) => phase switch
    {
        SystemPhase.Synced => "[green]Synced[/]",
        SystemPhase.Failed or SystemPhase.FailedReverting => $"[red]{phase}[/]",
        SystemPhase.Reverting or SystemPhase.Reverted => $"[yellow]{phase}[/]",
        _ => $"[blue]{phase}[/]",
    };

    public static string Phase(ApplicationPhase phase) => phase switch
    {
        ApplicationPhase.Synced => "[green]Synced[/]",
        ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed or ApplicationPhase.Failed
            or ApplicationPhase.FailedReverting => $"[red]{phase}[/]",
        ApplicationPhase.Reverting or ApplicationPhase.Reverted => $"[yellow]{phase}[/]",
        _ => $"[blue]{phase}[/]",
    };

    /// <summary>"error-rate@mycluster-web-1-v2 ✓ 0", "alb-5xx ✗ 12", "error-rate ? no result yet".</summary>
    public static string Check(CheckSnapshot c)
    {
        var name = Markup.Escape(c.Check + c.Cluster.Map(cl => "@" + cl).IfNone(""));
        var value = c.LastValue.Map(v => v.ToString("G4", CultureInfo.InvariantCulture)).IfNone("no data");
        return c.LastPassed.Match(
            passed => passed ? $"{name} [green]✓[/] {value}" : $"{name} [red]✗ {value}[/]",
            () => $"{name} [grey]? not measured yet[/]");
    }

    /// <summary>Something worth showing happened: commands, failures, a crash, or an application moved.</summary>
    public static bool Changed(TimelineEntry? previous, TimelineEntry entry) =>
        !entry.Executed.IsEmpty || !entry.Failures.IsEmpty || entry.Crashed || previous is null
        || previous.Phase != entry.Phase
        || !previous.Applications.Map(Position).SequenceEqual(entry.Applications.Map(Position));

    private static (string, ApplicationPhase, int, Option<ForwardConfig>) Position(ApplicationSnapshot a) =>
        (a.Name, a.Phase, a.Step, a.Weights);
}
