using System.CommandLine;
using Hotswap.Operator.Cli;
using Hotswap.Operator.Hosting;

namespace Hotswap.Operator;

/// <summary>The <c>hotswap</c> executable.</summary>
public static class Program
{
    /// <summary>
    /// The controller <c>hotswap run</c> hosts: informers, the work queue and the per-kind
    /// reconcilers (<see cref="Running.Controller"/>). Tests host a fake one instead.
    /// </summary>
    public static ControllerFactory? Controllers { get; set; } = i =>
        new Running.Controller(i.Client, i.Options, i.LoadBalancer, i.Eks, i.Metrics, i.Workloads, i.Time, i.Observer);

    public static int Main(string[] args)
    {
        Core.TypeClassCatalogue.KeepEmpty();
        var parsed = Root().Parse(args);
        // run handles SIGTERM itself: System.CommandLine's handler would end it 2 s after the signal,
        // before the command in flight finished and the lease was released.
        return parsed.CommandResult.Command.Name == "run"
            ? parsed.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null })
            : parsed.Invoke();
    }

    /// <summary>
    /// Runs a command until it ends or <paramref name="cancellation"/> is cancelled (what Ctrl+C
    /// does to <c>get -w</c>), for callers that stop it themselves.
    /// </summary>
    public static Task<int> MainAsync(string[] args, CancellationToken cancellation) =>
        Root().Parse(args).InvokeAsync(cancellationToken: cancellation);

    private static RootCommand Root()
    {
        var root = new RootCommand("hotswap: hot-swap whole EKS clusters under running applications (ArgoCD + ALB).");
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(PlanCommand.Build());
        root.Subcommands.Add(SimulateCommand.Build());
        root.Subcommands.Add(CrdsCommand.Build());
        root.Subcommands.Add(InstallCommand.Build());
        root.Subcommands.Add(RunCommand.Build(Controllers));
        root.Subcommands.Add(GetCommand.Build());
        root.Subcommands.Add(ControlCommands.Abort());
        root.Subcommands.Add(ControlCommands.Retry());
        root.Subcommands.Add(ControlCommands.Pause());
        root.Subcommands.Add(ControlCommands.Resume());
        root.Subcommands.Add(ControlCommands.Promote());
        return root;
    }
}
