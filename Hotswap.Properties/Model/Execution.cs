using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;

namespace Hotswap.Properties.Model;

/// <summary>A plan's commands executed one by one on the model, each with the world just before it.</summary>
public static class Execution
{
    public sealed record Step(World Before, Command Command, World After);

    public static Seq<Step> Steps(SystemPlan plan, World world, DateTimeOffset now)
    {
        var steps = new List<Step>();
        foreach (var command in plan.AllCommands)
        {
            var after = ModelWorld.Apply(world, command, Scenario.AllPass, now);
            steps.Add(new Step(world, command, after));
            world = after;
        }
        return steps.ToSeq();
    }

    /// <summary>The safety violations a plan's commands make when executed in order on the model.</summary>
    public static Seq<string> Violations(Migration m, SystemSpec spec, World world, DateTimeOffset now) =>
        Steps(Reconciliation.Plan(spec, world, now), world, now)
            .Bind(s => m.Invariants.Check(spec, s.Before, s.Command, s.After));
}
