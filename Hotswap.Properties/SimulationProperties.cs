using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Hotswap.Core.Status;
using Hotswap.Effects.Simulation;
using Hotswap.Properties.Model;

namespace Hotswap.Properties;

/// <summary>
/// The operator's real loop (observer, planners, interpreter, recorder) over the simulated world
/// (Hotswap.Effects.Simulation), for generated Systems × generated scenarios with AWS throttling
/// and 5xx, Kubernetes conflicts and operator crashes: every run converges, breaks no safety
/// invariant, and ends Synced — or Reverted when a check or Job was made to fail.
/// </summary>
public sealed class SimulationProperties
{
    /// <summary>A simulation scenario and whether it makes something fail.</summary>
    public sealed record Trouble(SimulationScenario Scenario, bool Fails, int Seed)
    {
        public override string ToString() =>
            $"faults {Scenario.Faults}, crashes [{string.Join(", ", Scenario.CrashAfterCommands)}], " +
            $"metrics [{string.Join("; ", Scenario.Metrics)}], jobs [{string.Join(", ", Scenario.JobResults.Map((k, v) => $"{k}={v}"))}], seed {Seed}";
    }

    private static Gen<Trouble> TroubleFor(Migration m) =>
        from throttling in Gen.Elements(0.0, 0.05, 0.1, 0.2)
        from serverErrors in Gen.Elements(0.0, 0.05, 0.1)
        from conflicts in Gen.Elements(0.0, 0.1, 0.2)
        from crashes in Gen.Choose(0, 3).SelectMany(n => Gen.Choose(1, 80).ListOf(n))
        from eks in Gen.Elements(0, 10, 30, 120)
        from sync in Gen.Elements(0, 5, 20, 60)
        from failing in FailingCheck(m)
        from failingJob in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from seed in Gen.Choose(1, 1_000_000)
        let hasJobs = m.V2.Applications.Exists(a => !a.Prechecks.IsEmpty || !a.Postchecks.IsEmpty)
        let scenario = SimulationScenario.Default with
        {
            Faults = new FaultRates(throttling, serverErrors, conflicts),
            CrashAfterCommands = crashes.OrderBy(c => c).Distinct().ToSeq().Strict(),
            EksReadyDelay = TimeSpan.FromSeconds(eks),
            SyncDelay = TimeSpan.FromSeconds(sync),
            Metrics = failing.Map(f => new MetricBehaviour(f.App, f.Check, Value: 1e6, FromStep: f.Step)).ToSeq(),
            JobResults = failingJob && hasJobs ? Map(("pre", false), ("post", false)) : Map<string, bool>(),
        }
        select new Trouble(scenario, failing.IsSome || (failingJob && hasJobs), seed);

    /// <summary>Sometimes one check of one application reads far above any max from some step on.</summary>
    private static Gen<Option<(string App, string Check, int Step)>> FailingCheck(Migration m)
    {
        var checks = m.V2.Applications.Bind(a => a.Checks.Map(c => (App: a.Name, Check: c.Name))).ToArray();
        var none = Gen.Constant(Option<(string App, string Check, int Step)>.None);
        if (checks.Length == 0) return none;
        var some = from c in Gen.Elements(checks)
                   from step in Gen.Choose(1, 3)
                   select Some((c.App, c.Check, step));
        return Gen.Frequency((3, none), (1, some));
    }

    private static Gen<(Migration Migration, Trouble Trouble)> Runs =>
        from m in Gens.Migration
        from t in TroubleFor(m)
        select (m, t);

    [Property(MaxTest = 200)]
    public Property Generated_swaps_under_faults_and_crashes_converge_without_violations() =>
        Prop.ForAll(Runs.ToArbitrary(), x =>
        {
            var result = Simulator.RunAsync(x.Migration.V2, Some(x.Migration.V1), x.Trouble.Scenario, x.Trouble.Seed)
                .GetAwaiter().GetResult();
            var expected = x.Trouble.Fails
                ? new[] { SystemPhase.Synced, SystemPhase.Reverted }
                : new[] { SystemPhase.Synced };
            return result.Converged.Label($"converges: {result.NonConvergence.IfNone("")}")
                .And(result.InvariantViolations.IsEmpty.Label($"no violation: {string.Join("; ", result.InvariantViolations.Take(3))}"))
                .And(expected.Contains(result.FinalPhase).Label($"ends {string.Join(" or ", expected)}, got {result.FinalPhase}: {result.FinalStatus.Message}"))
                .Classify(x.Trouble.Scenario.CrashAfterCommands.Count > 0, "with crashes")
                .Classify(x.Trouble.Fails, "with a failure")
                .Classify(result.FinalPhase == SystemPhase.Reverted, "rolled back");
        });
}
