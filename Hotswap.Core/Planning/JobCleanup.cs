using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>
/// Finished precheck and postcheck Jobs are deleted once they are no longer needed, keeping the
/// newest <see cref="Keep"/> of each application for debugging. A Job of a key the application is
/// using now is never deleted (that would run the check again), nor is one still running.
/// <para>Example: web has finished Jobs created at 10:00, 10:05, 10:10, 10:15 and 10:20; the plan
/// deletes the 10:00 and 10:05 ones.</para>
/// </summary>
public static class JobCleanup
{
    /// <summary>How many finished Jobs each application keeps.</summary>
    public const int Keep = 3;

    /// <summary>DeleteJob commands for every application, in name order.</summary>
    public static Seq<Command> Plan(World world, Func<HashMap<string, Seq<string>>> jobsInUse)
    {
        if (world.Jobs.IsEmpty) return Seq<Command>();
        var inUse = jobsInUse();
        var finished = world.Jobs.Values
            .Filter(j => j.Application.Length > 0 && j.Phase is JobPhase.Succeeded or JobPhase.Failed)
            .GroupBy(j => j.Application, StringComparer.Ordinal);
        var deletes = new List<Command>();
        foreach (var app in finished)
        {
            var keep = inUse.Find(app.Key).IfNone(Seq<string>());
            deletes.AddRange(app
                .OrderByDescending(j => j.Created.IfNone(DateTimeOffset.MinValue))
                .ThenByDescending(j => j.Name, StringComparer.Ordinal)
                .Skip(Keep)
                .Where(j => !keep.Contains(j.Name))
                .Select(j => (Command)new Command.DeleteJob(j.Name, j.Application)));
        }
        return deletes.OrderBy(d => d.Target, StringComparer.Ordinal).ToSeq().Strict();
    }
}
