using System.CommandLine;

namespace Hotswap.Operator.Cli;

/// <summary><c>hotswap validate -f FILE</c>: exit 0 when valid; exit 1 and one line per error otherwise.</summary>
public static class ValidateCommand
{
    public static Command Build()
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "System manifest (YAML or JSON)", Required = true };
        var command = new Command("validate", "Check a System manifest and report every problem at once.") { file };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            return Inputs.System(path).Match(
                spec =>
                {
                    Console.Out.WriteLine(
                        $"{path}: System {spec.Name} is valid ({spec.Clusters.Count} cluster(s), {spec.Applications.Count} application(s))");
                    return 0;
                },
                errors =>
                {
                    foreach (var line in errors) Console.Error.WriteLine(line);
                    Console.Error.WriteLine($"{errors.Count} error(s)");
                    return 1;
                });
        });
        return command;
    }
}
