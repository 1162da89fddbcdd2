using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>
/// Model-based test with FsCheck's Machine: the actual is the real planners driving the model
/// world of a v1 → v2 swap; the model is what the test knows (which migration, whether checks
/// have gone bad). Operations: reconcile once, crash part-way through a reconcile, let checks go
/// bad, and settle to a fixed point. Every operation checks the safety invariants; settling
/// checks where the migration must end.
/// </summary>
public sealed class MachineProperties
{
    [Property(MaxTest = 1000)]
    public Property The_planner_driven_swap_behaves_like_its_model() =>
        StateMachine.ToProperty(new SwapMachine());

    /// <summary>The system under test: a world, a clock, and the violations seen so far.</summary>
    public sealed class Swap(Migration migration, World world, DateTimeOffset now)
    {
        public Migration Migration { get; } = migration;
        public World World { get; set; } = world;
        public DateTimeOffset Now { get; set; } = now;
        public ScenarioSpec Scenario { get; set; } = ScenarioSpec.AllPass;
        public List<string> Violations { get; } = [];

        /// <summary>One reconcile; with <paramref name="crashAfter"/>, the shell dies after that many commands.</summary>
        public void Reconcile(Option<int> crashAfter)
        {
            var trace = Loop.Run(Migration.V2, World, (Scenario with
            {
                CrashAfter = crashAfter.Map(k => HashMap((0, k))).IfNone(HashMap<int, int>()),
            }).ToScenario(), Now, Migration.Invariants, maxRounds: 1);
            Violations.AddRange(trace.Violations);
            World = trace.Final;
            Now = trace.End;
        }

        public Loop.Trace Settle()
        {
            var trace = Loop.Run(Migration.V2, World, Scenario.ToScenario(), Now, Migration.Invariants);
            Violations.AddRange(trace.Violations);
            World = trace.Final;
            Now = trace.End;
            return trace;
        }

        public override string ToString() => Migration.ToString();
    }

    /// <summary>What the test knows: the migration, the v1 end state, whether checks went bad.</summary>
    public sealed record Knowledge(Migration Migration, EndState Saved, bool ChecksBad);

    private sealed class SwapSetup(Migration m) : Setup<Swap, Knowledge>
    {
        private readonly Loop.Trace setup = Runs.Setup(m);
        public override Swap Actual() => new(m, setup.Final, setup.End);
        public override Knowledge Model() => new(m, EndState.Of(m.V1, setup.Final), false);
        public override string ToString() => m.ToString();
    }

    private sealed class SwapMachine() : Machine<Swap, Knowledge>(12)
    {
        public override Arbitrary<Setup<Swap, Knowledge>> Setup =>
            Gens.Migration.Select(m => (Setup<Swap, Knowledge>)new SwapSetup(m)).ToArbitrary();

        public override Gen<Operation<Swap, Knowledge>> Next(Knowledge model) =>
            Gen.Frequency(
                (6, Gen.Constant<Operation<Swap, Knowledge>>(new Reconcile())),
                (2, Gen.Choose(0, 6).Select(k => (Operation<Swap, Knowledge>)new Crash(k))),
                (1, Gen.Constant<Operation<Swap, Knowledge>>(new ChecksGoBad())),
                (1, Gen.Constant<Operation<Swap, Knowledge>>(new Settle())));
    }

    private static Property Safe(Swap s) =>
        (s.Violations.Count == 0).Label("no safety violation: " + string.Join("; ", s.Violations.Take(3)));

    private sealed class Reconcile : Operation<Swap, Knowledge>
    {
        public override Knowledge Run(Knowledge m) => m;
        public override Property Check(Swap s, Knowledge m) { s.Reconcile(None); return Safe(s); }
        public override string ToString() => "reconcile";
    }

    private sealed class Crash(int after) : Operation<Swap, Knowledge>
    {
        public override Knowledge Run(Knowledge m) => m;
        public override Property Check(Swap s, Knowledge m) { s.Reconcile(Some(after)); return Safe(s); }
        public override string ToString() => $"crash after {after} command(s)";
    }

    private sealed class ChecksGoBad : Operation<Swap, Knowledge>
    {
        public override bool Pre(Knowledge m) => !m.ChecksBad;
        public override Knowledge Run(Knowledge m) => m with { ChecksBad = true };
        public override Property Check(Swap s, Knowledge m)
        {
            s.Scenario = s.Scenario with { Checks = CheckBehaviour.FailFromStep, FromStep = 0 };
            return Safe(s);
        }
        public override string ToString() => "checks go bad";
    }

    private sealed class Settle : Operation<Swap, Knowledge>
    {
        public override Knowledge Run(Knowledge m) => m;

        public override Property Check(Swap s, Knowledge m)
        {
            var trace = s.Settle();
            var end = EndState.Of(m.Migration.V2, s.World);
            var statuses = s.World.SystemStatus.Map(x => x.Applications).IfNone(Seq<ApplicationStatus>());
            var done = Expected(m.Migration);
            bool AtV2(ApplicationStatus a) => a.Phase == ApplicationPhase.Synced && end.Applications.Find(a.Name) == done.Applications.Find(a.Name);
            bool AtV1(ApplicationStatus a) => a.Phase == ApplicationPhase.Reverted && end.Applications.Find(a.Name) == m.Saved.Applications.Find(a.Name);
            return Safe(s)
                .And(trace.FixedPoint.Label("settles to a fixed point"))
                .And(Reconciliation.Plan(m.Migration.V2, s.World, s.Now + TimeSpan.FromHours(1)).AllCommands.IsEmpty.Label("the fixed point emits no commands"))
                .And((m.ChecksBad || statuses.ForAll(AtV2)).Label($"checks passing: every application at v2 and Synced: {end}"))
                .And(statuses.ForAll(a => AtV2(a) || AtV1(a)).Label($"each application at v2 (Synced) or back at the saved revision (Reverted): {end} vs saved {m.Saved}"));
        }

        public override string ToString() => "settle";
    }

    private static EndState Expected(Migration m) => new(m.V2.Applications.Map(a =>
    {
        var c = ApplicationContext.Build(m.V2, a, m.Start, SystemStatus.Initial);
        return (a.Name, new ApplicationRevision(c.Desired, c.ShiftsWeights ? c.FinalForward : a.Alb.Map(_ => ForwardConfig.Empty)));
    }).ToHashMap());
}
