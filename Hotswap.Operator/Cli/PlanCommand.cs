using System.CommandLine;
using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Planning;
using Command = System.CommandLine.Command;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap plan -f SYSTEM --world WORLD [--now ISO8601] [--output table|json]</c>: the next
/// decision of every planner for that snapshot. Changes nothing.
/// </summary>
public static class PlanCommand
{
    public static Command Build()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "System manifest (YAML or JSON)", Required = true };
        var world = new Option<FileInfo>("--world") { Description = "World snapshot (see docs/world.md)", Required = true };
        var now = new Option<string?>("--now") { Description = "The instant to plan for (ISO 8601); default: the current time" };
        var output = new Option<string>("--output", "-o") { Description = "table or json", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("plan", "Print the next steps the operator would take for a System in a given world. Changes nothing.")
        {
            file, world, now, output,
        };
        command.SetAction(result =>
        {
            var at = ParseNow(result.GetValue(now));
            if (at is null)
            {
                Console.Error.WriteLine($"--now: \"{result.GetValue(now)}\" is not an ISO 8601 time such as 2026-11-24T10:05:00Z");
                return 1;
            }
            var inputs = from spec in Inputs.System(result.GetValue(file)!)
                         from w in Inputs.World(result.GetValue(world)!)
                         select Reconciliation.Plan(spec, w, at.Value);
            return inputs.Match(
                plan =>
                {
                    if (result.GetValue(output) == "json") Console.Out.WriteLine(PlanDocument.ToJson(plan));
                    else PlanTable.Write(plan);
                    return 0;
                },
                errors =>
                {
                    foreach (var line in errors) Console.Error.WriteLine(line);
                    return 1;
                });
        });
        return command;
    }

    private static DateTimeOffset? ParseNow(string? text) =>
        text is null ? DateTimeOffset.UtcNow
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : null;
}
