using Hotswap.Effects.Ports;

namespace Hotswap.Operator.Cli;

/// <summary>The one place a cluster command's failure becomes a line on stderr and exit code 1.</summary>
public static class CommandFailures
{
    public static async Task<int> Catch(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (CliFailure e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (PortException e)
        {
            Console.Error.WriteLine($"{e.Kind}: {e.Message}");
            return 1;
        }
    }
}
