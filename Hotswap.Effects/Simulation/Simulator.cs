using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Safety;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// Runs the operator's real reconcilers (<see cref="ReconcileLoop"/>: one per kind, each observer,
/// planner, interpreter, recorder for its own object; a pass reconciles the System, then each
/// child) against a <see cref="SimulatedWorld"/> in simulated time. Time moves like the
/// operator's requeues: a reconcile that executed commands takes <see cref="ReconcileTime"/> and is
/// followed at once by another; a quiet one moves time by the smallest RequeueAfter (at least 1s); a
/// failed one backs off 1s. It stops
/// at a fixed point (no commands and nothing to requeue, twice in a row) or after MaxRounds.
/// </summary>
public static class Simulator
{
    /// <summary>A failed reconcile is retried after this long (the controller's rate limiter, simplified).</summary>
    public static readonly TimeSpan Backoff = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Simulated time one reconcile that executed commands takes (API round trips). Without it a
    /// check measuring every reconcile (interval 0) would keep the clock still, and nothing that
    /// waits for time — Jobs, ArgoCD syncs, other checks — would ever come due.
    /// </summary>
    public static readonly TimeSpan ReconcileTime = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Simulates migrating to <paramref name="target"/>. With <paramref name="from"/>, the world first
    /// rolls out the old spec without faults until Synced (not part of the result); without it the
    /// world starts empty apart from EKS clusters, ApplicationSets and listener rules.
    /// <paramref name="onReconcile"/>, when given, sees every reconcile of the migration as it is
    /// recorded (for live views); it does not change the run.
    /// </summary>
    public static async Task<SimulationResult> RunAsync(
        SystemSpec target, Option<SystemSpec> from, SimulationScenario scenario, int seed,
        Action<TimelineEntry>? onReconcile = null)
    {
        var specs = from.ToSeq() + Seq1(target);
        var world = new SimulatedWorld(scenario, seed);
        world.Seed(specs);
        var invariants = SimulatedWorld.InvariantsFor(specs);
        foreach (var old in from)
        {
            var warmup = new Run(world, old, invariants, Seq<int>(), null);
            await warmup.ExecuteAsync(scenario.MaxRounds);
            var phase = world.Kubernetes.SystemStatusOf(old.Name).Map(s => s.Phase).IfNone(SystemPhase.Pending);
            if (!warmup.FixedPoint || phase != SystemPhase.Synced)
                return await warmup.ResultAsync(Some(
                    $"the old spec did not roll out: ended {phase} after {warmup.Rounds} reconciles" +
                    (warmup.FixedPoint ? "" : " without reaching a fixed point")));
        }
        world.MigrationStartedAt = Some(world.Clock.Now);
        world.Faults.Enabled = true;
        var run = new Run(world, target, invariants, scenario.CrashAfterCommands, onReconcile);
        await run.ExecuteAsync(scenario.MaxRounds);
        world.Faults.Enabled = false;
        return await run.ResultAsync(run.FixedPoint
            ? None
            : Some($"no fixed point after {run.Rounds} reconciles ({world.Clock.Now - run.StartedAt} simulated)"));
    }

    /// <summary>One spec's reconciles against the world, with the bookkeeping for the result.</summary>
    private sealed class Run(
        SimulatedWorld world, SystemSpec spec, SafetyInvariants invariants, Seq<int> crashPoints,
        Action<TimelineEntry>? onReconcile)
    {
        private readonly PortCalls calls = new();
        private readonly List<TimelineEntry> timeline = [];
        private readonly List<string> violations = [];
        private readonly Dictionary<string, int> commands = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ApplicationPhase> phases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> reconcilesByKind = new(StringComparer.Ordinal);
        private int executedTotal, failedCommands, failedObservations, failedStatusWrites, rollbacks, crashes;
        private readonly int faultsBefore = world.Faults.Injected;
        private SystemPhase lastPhase = SystemPhase.Pending;
        private string lastMessage = "";

        public DateTimeOffset StartedAt { get; } = world.Clock.Now;
        public int Rounds { get; private set; }
        public bool FixedPoint { get; private set; }

        private SimulatedClock Clock => world.Clock;

        public async Task ExecuteAsync(int maxRounds)
        {
            // The AWS SDK's retries, waiting in simulated time.
            var retries = RetryPolicy.Standard with { Wait = d => { Clock.Advance(d); return Task.CompletedTask; } };
            var loop = new ReconcileLoop(world.Ports, calls, retries);
            var quiet = 0;
            for (; Rounds < maxRounds; Rounds++)
            {
                if (world.MigrationStartedAt.IsSome) world.ApplyControls();
                using var crash = new CancellationTokenSource();
                var report = await loop.ReconcileOnceAsync(spec, Clock.Now, Hooks(crash), crash.Token);
                Record(report);
                if (report.Interrupted)
                {
                    crashes++;
                    loop = new ReconcileLoop(world.Ports, calls, retries); // a new process: nothing in memory survives
                    quiet = 0;
                    continue;
                }
                if (report.Failed)
                {
                    Clock.Advance(Backoff);
                    quiet = 0;
                    continue;
                }
                if (!report.Planned.IsEmpty)
                {
                    Clock.Advance(ReconcileTime);
                    quiet = 0;
                    continue;
                }
                if (report.RequeueAfter.IsNone && quiet >= 1 && world.NextControlDue() is { IsSome: true } due)
                {
                    // A fixed point, but a person is still going to act: wait for them.
                    quiet = 0;
                    Clock.Advance(due.Map(d => d > Clock.Now ? d - Clock.Now : TimeSpan.Zero).IfNone(TimeSpan.Zero) + TimeSpan.FromSeconds(1));
                    continue;
                }
                if (report.RequeueAfter.IsNone && ++quiet >= 2)
                {
                    Rounds++;
                    FixedPoint = true;
                    return;
                }
                if (report.RequeueAfter.IsSome) quiet = 0;
                var requeue = report.RequeueAfter.IfNone(TimeSpan.FromSeconds(1));
                Clock.Advance(requeue < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : requeue);
            }
        }

        private static bool Guarded(Command c) =>
            c is Command.SetForwardWeights or Command.JoinMembership or Command.LeaveMembership;

        /// <summary>Checks the safety invariants around every ALB and membership write, and crashes at the scenario's points.</summary>
        private ExecutionHooks Hooks(CancellationTokenSource crash)
        {
            var before = World.Empty;
            return new ExecutionHooks(
                async c => { if (Guarded(c)) before = await world.SnapshotAsync(spec); },
                async o =>
                {
                    if (!o.Succeeded) return;
                    executedTotal++;
                    if (Guarded(o.Command))
                    {
                        var after = await world.SnapshotAsync(spec);
                        violations.AddRange(invariants.Check(spec, before, o.Command, after)
                            .Map(v => $"{Clock.Now:O} {o.Command.Action} {o.Command.Target}: {v}"));
                    }
                    if (crashPoints.Contains(executedTotal)) await crash.CancelAsync();
                });
        }

        private void Record(ReconcileReport report)
        {
            var executed = report.Executed;
            foreach (var o in report.Objects)
                reconcilesByKind[o.Key.Kind.ToString()] = reconcilesByKind.GetValueOrDefault(o.Key.Kind.ToString()) + 1;
            foreach (var c in executed)
                commands[c.GetType().Name] = commands.GetValueOrDefault(c.GetType().Name) + 1;
            failedCommands += report.Outcomes.Count(o => !o.Succeeded);
            failedStatusWrites += report.StatusFailures.Count;
            if (report.ObserveError.IsSome) failedObservations++;
            var status = report.Plan.Map(p => p.System.Status);
            foreach (var s in status)
            {
                lastPhase = s.Phase;
                lastMessage = s.Message;
                foreach (var a in s.Applications)
                {
                    if (a.Phase == ApplicationPhase.Reverting && phases.GetValueOrDefault(a.Name) != ApplicationPhase.Reverting) rollbacks++;
                    phases[a.Name] = a.Phase;
                }
            }
            var failures = report.ObserveError.ToSeq().Map(e => $"observe: {e}")
                + report.Outcomes.Filter(o => !o.Succeeded).Map(o => o.ToString())
                + report.StatusFailures.Map(f => $"status {f.Target}: {f.Reason}");
            var entry = new TimelineEntry(
                Rounds, report.Now, report.Now - StartedAt, lastPhase, lastMessage,
                status.Map(s => s.Applications.Map(a => Snapshot(a, executed))).IfNone(Seq<ApplicationSnapshot>()),
                toMap(executed.GroupBy(c => c.GetType().Name).Select(g => (g.Key, g.Count()))),
                failures, report.Interrupted);
            timeline.Add(entry);
            onReconcile?.Invoke(entry);
        }

        private ApplicationSnapshot Snapshot(ApplicationStatus a, Seq<Command> executed)
        {
            var weights = executed.Choose(c => c is Command.SetForwardWeights w && w.Application == a.Name ? Some(w.Forward) : None)
                .LastOrNone();
            var checks = world.Kubernetes.CheckObjects.All
                .Filter(o => o.Spec.System == spec.Name && o.Spec.Application == a.Name)
                .Map(o => new CheckSnapshot(o.Name, o.Spec.Check, o.Spec.Cluster, o.Status.LastPassed,
                    o.Status.Results.LastOrNone().Bind(m => m.Value), o.Status.Message));
            return new ApplicationSnapshot(a.Name, a.Phase, a.Step, a.Steps, weights || a.Weights, a.Message, checks);
        }

        public async Task<SimulationResult> ResultAsync(Option<string> nonConvergence)
        {
            var final = await world.SnapshotAsync(spec);
            var status = final.SystemStatus.IfNone(SystemStatus.Initial);
            var counts = new SimulationCounts(
                Rounds, toMap(commands.Select(kv => (kv.Key, kv.Value))), failedCommands, failedObservations,
                failedStatusWrites, world.Faults.Injected - faultsBefore, rollbacks, crashes, calls.Snapshot(), calls.Retries,
                toMap(reconcilesByKind.Select(kv => (kv.Key, kv.Value))));
            return new SimulationResult(
                nonConvergence.IsNone, nonConvergence, status.Phase, Clock.Now - StartedAt, timeline.ToSeq(),
                status, final, counts, violations.ToSeq(), world);
        }
    }
}
