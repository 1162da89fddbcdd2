using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Safety;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Properties.Model;

/// <summary>
/// The reconcile loop over the model world: plan, execute (or crash part-way), record, let the
/// world react, and move simulated time by the smallest requeue. Safety invariants are checked
/// after every executed command.
/// </summary>
public static class Loop
{
    /// <param name="Before">The world the round planned from.</param>
    public sealed record Round(int Number, DateTimeOffset Now, Seq<Command> Commands, int Executed, SystemStatus Status, World Before);

    public sealed record Trace(Seq<Round> Rounds, World Final, DateTimeOffset End, Seq<string> Violations, bool FixedPoint)
    {
        public SystemPhase Phase => Final.SystemStatus.Map(s => s.Phase).IfNone(SystemPhase.Pending);
        public Seq<Command> Executed => Rounds.Bind(r => r.Commands.Take(r.Executed).ToSeq());

        /// <summary>The last rounds in words, for failure labels.</summary>
        public string Tail(int n) => string.Join("\n", Rounds.Skip(Math.Max(0, Rounds.Count - n)).Select(r =>
            $"{r.Number} {r.Now:HH:mm:ss} {r.Status.Phase} | " +
            string.Join(" ; ", r.Status.Applications.Map(a => $"{a.Name} {a.Phase} {a.Step}/{a.Steps} {a.Message}")) +
            string.Concat(r.Commands.Map(c => $"\n    {c.Action} {c.Target} {c.Detail}"))));
    }

    /// <summary>How long a reconcile that executed commands takes in simulated time.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    public static Trace Run(
        SystemSpec spec, World world, Scenario scenario, DateTimeOffset start, SafetyInvariants invariants, int maxRounds = 3000,
        Func<SystemPlan, bool>? stopBefore = null)
    {
        var now = start;
        var rounds = new List<Round>();
        var violations = new List<string>();
        var quiet = 0;
        if (scenario.Outside is { } outside) world = outside(world, start);
        for (var round = 0; round < maxRounds; round++)
        {
            // Validated first, as the operator's reconcilers do: an invalid spec plans nothing.
            var validated = Reconciliation.PlanValidated(spec, world, now);
            if (validated.IsFail) return new Trace(rounds.ToSeq(), world, now, violations.ToSeq(), false);
            var plan = validated.IfFail(_ => throw new InvalidOperationException());
            if (stopBefore?.Invoke(plan) == true)
                return new Trace(rounds.ToSeq(), world, now, violations.ToSeq(), false);
            var commands = plan.AllCommands;
            var planned = world;
            var crash = scenario.CrashAfter.Find(round);
            var executed = crash.Match(n => Math.Min(n, commands.Count), () => commands.Count);
            foreach (var command in commands.Take(executed))
            {
                var before = world;
                world = ModelWorld.Apply(world, command, scenario, now);
                violations.AddRange(invariants.Check(spec, before, command, world).Map(v => $"round {round} at {now:O}: {v}"));
            }
            if (crash.IsNone) world = ModelWorld.Record(world, plan);
            world = ModelWorld.React(world, scenario, now);
            rounds.Add(new Round(round, now, commands, executed, plan.System.Status, planned));
            // A reconcile that did something takes a moment: without it, a check with interval 0
            // (measured on every pass) would pin simulated time and starve every other timer.
            if (!commands.IsEmpty || crash.IsSome) { quiet = 0; now += Tick; continue; }
            var requeue = plan.RequeueAfter.Map(r => r < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : r);
            if (requeue.IsNone && ++quiet >= 2)
                return new Trace(rounds.ToSeq(), world, now, violations.ToSeq(), true);
            now += requeue.IfNone(TimeSpan.FromSeconds(1));
        }
        return new Trace(rounds.ToSeq(), world, now, violations.ToSeq(), false);
    }
}
