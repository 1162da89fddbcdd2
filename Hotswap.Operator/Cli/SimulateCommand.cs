using System.CommandLine;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;
using LanguageExt;
using Spectre.Console;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Cli;

/// <summary>
/// <c>hotswap simulate -f NEW [--from OLD] [--scenario SCENARIO] [--output live|table|json] [--seed N]</c>:
/// the operator's real planners, interpreter and recorder against an in-memory world in simulated
/// time (docs/simulate.md). Exit 0 when the System ends Synced with no invariant violated, 3 when
/// it ends otherwise, 1 on bad input.
/// </summary>
public static class SimulateCommand
{
    public const int Synced = 0, BadInput = 1, NotSynced = 3;

    public static System.CommandLine.Command Build()
    {
        var file = new System.CommandLine.Option<FileInfo>("--file", "-f") { Description = "The System to migrate to (YAML or JSON)", Required = true };
        var from = new System.CommandLine.Option<FileInfo?>("--from") { Description = "Start as if this System had been fully rolled out; default: an empty world" };
        var scenario = new System.CommandLine.Option<FileInfo?>("--scenario") { Description = "How the simulated world behaves (docs/simulate.md); default: everything healthy" };
        var output = new System.CommandLine.Option<string>("--output", "-o")
        {
            Description = "live (default on a terminal), table (default otherwise) or json",
            DefaultValueFactory = _ => Console.IsOutputRedirected ? "table" : "live",
        };
        output.AcceptOnlyFromAmong("live", "table", "json");
        var seed = new System.CommandLine.Option<int>("--seed") { Description = "Seed of the injected faults: same seed, same run", DefaultValueFactory = _ => 1 };
        var noDelay = new System.CommandLine.Option<bool>("--no-delay") { Description = "live: replay as fast as possible instead of at a human pace" };
        var command = new System.CommandLine.Command("simulate",
            "Run a migration against a simulated world (Kubernetes, EKS, ALB, ArgoCD, metrics) in simulated time and show it.")
        {
            file, from, scenario, output, seed, noDelay,
        };
        command.SetAction(r => Run(
            r.GetValue(file)!, r.GetValue(from), r.GetValue(scenario), r.GetValue(output)!, r.GetValue(seed), !r.GetValue(noDelay)));
        return command;
    }

    private static int Run(FileInfo file, FileInfo? previous, FileInfo? scenarioFile, string output, int seed, bool paced)
    {
        var inputs =
            from target in Inputs.System(file)
            from old in previous is null ? Right<Seq<string>, LanguageExt.Option<SystemSpec>>(None) : Inputs.System(previous).Map(Some)
            from scenario in scenarioFile is null
                ? Right<Seq<string>, SimulationScenario>(ScenarioDocument.Default)
                : Inputs.Scenario(scenarioFile)
            from _ in Agrees(target, old, scenario, scenarioFile)
            select (target, old, scenario);
        return inputs.Match(
            i => Simulate(i.target, i.old, i.scenario, output, seed, paced),
            errors =>
            {
                foreach (var line in errors) Console.Error.WriteLine(line);
                Console.Error.WriteLine($"{errors.Count} error(s)");
                return BadInput;
            });
    }

    private static int Simulate(SystemSpec target, LanguageExt.Option<SystemSpec> from, SimulationScenario scenario, string output, int seed, bool paced)
    {
        var console = Consoles.Out();
        SimulationResult result;
        switch (output)
        {
            case "json":
                result = Simulator.RunAsync(target, from, scenario, seed).GetAwaiter().GetResult();
                Console.Out.WriteLine(SimulationJson.Write(target.Name, seed, result));
                break;
            case "table":
                result = Simulator.RunAsync(target, from, scenario, seed).GetAwaiter().GetResult();
                SimulationTable.Write(console, result);
                SimulationSummary.Write(console, target.Name, result);
                break;
            default:
                result = SimulationLive.RunAsync(console, target, from, scenario, seed, paced).GetAwaiter().GetResult();
                SimulationSummary.Write(console, target.Name, result);
                break;
        }
        if (!result.InvariantViolations.IsEmpty)
        {
            var errors = Consoles.Error();
            foreach (var v in result.InvariantViolations)
                errors.MarkupLine($"[bold red]INVARIANT VIOLATED[/] [red]{Markup.Escape(Arns.Shorten(v))}[/]");
        }
        return ExitCode(result);
    }

    /// <summary>0 only for a converged run that ends Synced without breaking an invariant.</summary>
    public static int ExitCode(SimulationResult result) =>
        result.Converged && result.FinalPhase == SystemPhase.Synced && result.InvariantViolations.IsEmpty ? Synced : NotSynced;

    /// <summary>
    /// Metric rules and Job results must name checks the System has, and Application and cluster
    /// faults its applications and clusters (of either spec, by System or EKS cluster name); a typo
    /// would silently do nothing.
    /// </summary>
    private static Either<Seq<string>, Unit> Agrees(
        SystemSpec spec, LanguageExt.Option<SystemSpec> from, SimulationScenario scenario, FileInfo? file)
    {
        var specs = from.ToSeq().Add(spec);
        var applications = specs.Bind(s => s.Applications.Map(a => a.Name)).Distinct().ToArray();
        var clusters = specs.Bind(s => s.Clusters.Bind(c => Seq(c.Name, c.Eks.ClusterName))).Distinct().ToArray();
        var faults =
            scenario.ApplicationFaults.Map(f => f.Application).Distinct()
                .Filter(a => !applications.Contains(a))
                .Map(a => $"{file}: argocd.applications: \"{a}\" is not an application of System {spec.Name}" + Hint(a, applications))
            + (scenario.ApplicationFaults.Map(f => ("argocd.applications", f.Cluster))
                + scenario.EksUpdating.Map(f => ("eks.updating", f.Cluster))
                + scenario.Unreachable.Map(f => ("workloadClusters.unreachable", f.Cluster)))
                .Distinct()
                .Filter(c => !clusters.Contains(c.Item2))
                .Map(c => $"{file}: {c.Item1}: \"{c.Item2}\" is not a cluster of System {spec.Name}" + Hint(c.Item2, clusters));
        var checks = spec.Applications.Bind(a => a.Checks.Map(c => $"{a.Name}/{c.Name}")).ToArray();
        var jobs = spec.Applications.Bind(a => (a.Prechecks + a.Postchecks).Map(j => j.Name)).Distinct().ToArray();
        var errors =
            scenario.Metrics.Map(m => $"{m.Application}/{m.Check}").Distinct()
                .Filter(c => !checks.Contains(c))
                .Map(c => $"{file}: metrics.rules: \"{c}\" is not a check of System {spec.Name}" + Hint(c, checks))
            + scenario.JobResults.Keys.ToSeq()
                .Filter(j => !jobs.Contains(j))
                .Map(j => $"{file}: jobs.results.{j}: \"{j}\" is not a precheck or postcheck of System {spec.Name}" + Hint(j, jobs))
            + faults;
        return errors.IsEmpty ? Right<Seq<string>, Unit>(unit) : Left<Seq<string>, Unit>(errors.Strict());
    }

    private static string Hint(string typed, string[] known) =>
        Core.Parsing.Spelling.Nearest(typed, known)
            .Match(n => $"; did you mean \"{n}\"?", () => known.Length == 0 ? "" : $"; it has: {string.Join(", ", known)}");
}
