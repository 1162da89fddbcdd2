using System.CommandLine;
using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using LanguageExt;
using Command = System.CommandLine.Command;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap plan -f SYSTEM --world WORLD</c> or, live,
/// <c>hotswap plan [--kubeconfig FILE] [--context C] [-n NS] SYSTEM [--aws-world WORLD]</c> (the
/// kubeconfig options are <see cref="KubeconfigOptions"/>, shared with get and the manual controls)
/// <c>[--now ISO8601] [--output table|json|world]</c>: the next decision of every planner for
/// that snapshot. Changes nothing: the live form only reads the cluster and AWS.
/// </summary>
public static class PlanCommand
{
    public static Command Build()
    {
        var file = new System.CommandLine.Option<FileInfo?>("--file", "-f") { Description = "System manifest (YAML or JSON); with --world" };
        var world = new System.CommandLine.Option<FileInfo?>("--world") { Description = "World snapshot (see docs/world.md); with -f" };
        var kube = new KubeconfigOptions();
        var argo = new System.CommandLine.Option<string>("--argocd-namespace") { Description = "ArgoCD's namespace", DefaultValueFactory = _ => "argocd" };
        var awsWorld = new System.CommandLine.Option<FileInfo?>("--aws-world") { Description = "With --kubeconfig: read EKS clusters and listener rules from this world file instead of AWS" };
        var system = new Argument<string?>("SYSTEM") { Description = "The System's name (with --kubeconfig)", Arity = ArgumentArity.ZeroOrOne };
        var now = new System.CommandLine.Option<string?>("--now") { Description = "The instant to plan for (ISO 8601); default: the current time" };
        var output = new System.CommandLine.Option<string>("--output", "-o")
        {
            Description = "table, json, or world (the observed world as a world file, secret credentials redacted)",
            DefaultValueFactory = _ => "table",
        };
        output.AcceptOnlyFromAmong("table", "json", "world");
        var command = new Command("plan", "Print the next steps the operator would take for a System, from a world file or a live cluster. Changes nothing.")
        {
            file, world, argo, awsWorld, system, now, output,
        };
        kube.AddTo(command);
        command.SetAction(async (result, _) =>
        {
            var at = ParseNow(result.GetValue(now));
            if (at is null)
            {
                Console.Error.WriteLine($"--now: \"{result.GetValue(now)}\" is not an ISO 8601 time such as 2026-11-24T10:05:00Z");
                return 1;
            }
            Either<Seq<string>, (SystemSpec Spec, World World)> inputs;
            // Live when --kubeconfig is given, or a System is named without -f (the default kubeconfig then).
            if (kube.KubeconfigGiven(result) || (result.GetValue(system) is { Length: > 0 } && result.GetValue(file) is null))
            {
                if (result.GetValue(system) is not { Length: > 0 } name)
                    return Fail(Prelude.Seq1("plan --kubeconfig: name the System, e.g. hotswap plan --kubeconfig ~/.kube/config -n team-a mysystem"));
                KubeTarget target;
                try
                {
                    target = kube.Resolve(result);
                }
                catch (CliFailure e)
                {
                    return Fail(Prelude.Seq1(e.Message));
                }
                inputs = await new LiveWorld(target, result.GetValue(argo)!, result.GetValue(awsWorld)).ObserveAsync(name);
            }
            else if (result.GetValue(file) is { } f && result.GetValue(world) is { } w)
            {
                inputs = from spec in Inputs.System(f) from snapshot in Inputs.World(w) select (spec, snapshot);
            }
            else
            {
                return Fail(Prelude.Seq1("plan: give -f SYSTEM --world WORLD, or --kubeconfig FILE -n NAMESPACE SYSTEM"));
            }
            return inputs.Match(
                x => Print(result.GetValue(output)!, x.Spec, x.World, at.Value),
                Fail);
        });
        return command;
    }

    private static int Print(string output, SystemSpec spec, World world, DateTimeOffset at)
    {
        if (output == "world")
        {
            Console.Out.Write(WorldDocument.Write(Redaction.Redact(world)));
            return 0;
        }
        var plan = Reconciliation.Plan(spec, world, at);
        if (output == "json") Console.Out.WriteLine(PlanDocument.ToJson(plan));
        else PlanTable.Write(plan);
        return 0;
    }

    private static int Fail(Seq<string> errors)
    {
        foreach (var line in errors) Console.Error.WriteLine(line);
        return 1;
    }

    private static DateTimeOffset? ParseNow(string? text) =>
        text is null ? DateTimeOffset.UtcNow
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t
        : null;
}
