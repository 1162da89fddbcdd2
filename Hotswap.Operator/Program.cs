using System.CommandLine;
using Hotswap.Operator.Cli;

namespace Hotswap.Operator;

/// <summary>The <c>hotswap</c> executable.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("hotswap: hot-swap whole EKS clusters under running applications (ArgoCD + ALB).");
        root.Subcommands.Add(ValidateCommand.Build());
        root.Subcommands.Add(PlanCommand.Build());
        root.Subcommands.Add(SimulateCommand.Build());
        root.Subcommands.Add(CrdsCommand.Build());
        root.Subcommands.Add(InstallCommand.Build());
        return root.Parse(args).Invoke();
    }
}
