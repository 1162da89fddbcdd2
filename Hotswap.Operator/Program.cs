using System.CommandLine;
using Hotswap.Operator.Cli;

namespace Hotswap.Operator;

/// <summary>The <c>hotswap</c> executable.</summary>
public static class Program
{
    public static int Main(string[] args) => Root().Parse(args).Invoke();

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
        root.Subcommands.Add(GetCommand.Build());
        root.Subcommands.Add(ControlCommands.Abort());
        root.Subcommands.Add(ControlCommands.Retry());
        root.Subcommands.Add(ControlCommands.Pause());
        root.Subcommands.Add(ControlCommands.Resume());
        root.Subcommands.Add(ControlCommands.Promote());
        return root;
    }
}
