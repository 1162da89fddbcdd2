using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using LanguageExt.UnsafeValueAccess;

namespace Hotswap.Core.Planning;

/// <summary>
/// One application's migration, one step per reconcile. CreateBeforeDelete: add new members →
/// wait Deployed → prechecks → shift weights step by step, each step gated by checks → 100% new →
/// postchecks → remove old members. DeleteBeforeCreate (no alb): prechecks → remove old → add new
/// → wait Deployed → checks → postchecks. A failure waits spec.rollback.delay, then reverts to the
/// saved revision in the reverse order, or halts. Every wait of a moving application is bounded by
/// its progressDeadline: past it, the application fails naming what it waited for. Once traffic
/// has shifted, a new member that stops being Deployed, or a cluster of its own that stops being
/// ready, is such a wait — with the real step shown and the checks still running.
/// </summary>
public static class ApplicationPlanner
{
    /// <summary>How soon to look again while waiting on something outside hotswap (ArgoCD, Jobs).</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);

    /// <summary>The application's decision, manual controls included (<see cref="ManualRequests"/>).</summary>
    public static ApplicationDecision Plan(
        ApplicationContext context, Option<Hold> hold, RollbackPolicy rollback, DateTimeOffset now) =>
        ManualRequests.Plan(context, hold, rollback, now);

    /// <summary>
    /// The stage machine alone. <paramref name="promoted"/> says of a step whether a person
    /// promoted it: its checks' wait is skipped (a failing check still fails it).
    /// </summary>
    internal static ApplicationDecision Stage(
        ApplicationContext context, Option<Hold> hold, RollbackPolicy rollback, DateTimeOffset now, Func<int, bool> promoted) =>
        new Stages(context, rollback, now, promoted).Decide(hold);

    private static readonly System.Collections.Generic.HashSet<ApplicationPhase> Moving =
        [ApplicationPhase.Migrating, ApplicationPhase.Prechecking, ApplicationPhase.Completing];

    /// <summary>
    /// True once the application's migration has shifted traffic (step 1 or later of the same
    /// target): from then on the System-wide readiness gate no longer holds it; only its own
    /// clusters matter, under its progressDeadline.
    /// </summary>
    public static bool HasShifted(ApplicationContext c) =>
        c.Previous.Exists(p => Moving.Contains(p.Phase) && p.Step >= 1);

    private sealed class Stages(ApplicationContext c, RollbackPolicy policy, DateTimeOffset now, Func<int, bool> promoted)
    {
        /// <summary>A promote skipped a step's wait in this reconcile.</summary>
        private bool skipped;

        private Option<ApplicationStatus> Prev => c.Previous;
        private bool MidMigration => Prev.Exists(p => Moving.Contains(p.Phase));

        /// <summary>
        /// The membership moved away from the saved revision's, but no Synced was recorded for this
        /// target: a crash after the membership writes and before the Migrating status was recorded.
        /// The migration is not over until its postchecks ran, so it is not called Synced yet.
        /// </summary>
        private bool Unfinished =>
            Prev.ForAll(p => p.Phase != ApplicationPhase.Synced)
            && c.Revision.Exists(r => !r.Members.ToHashSet().SetEquals(c.Desired));

        /// <summary>Jobs this reconcile looked for: the current keys, never cleaned up.</summary>
        private readonly List<string> consulted = new();

        public ApplicationDecision Decide(Option<Hold> hold)
        {
            var decision = DecideStage(hold);
            return decision with { JobsInUse = consulted.Count == 0 ? Seq<string>() : toSeq(consulted.ToArray()), Promoted = skipped };
        }

        /// <summary>The checks' verdict on a step, a pending one passed when a person promoted the step.</summary>
        private CheckGate.Result Gate(int step, DateTimeOffset started)
        {
            var result = CheckGate.Evaluate(c.Checks, c.World, started);
            if (result is not CheckGate.Result.Pending || !promoted(step)) return result;
            skipped = true;
            return CheckGate.Promoted;
        }

        private ApplicationDecision DecideStage(Option<Hold> hold)
        {
            var afterFailure = Prev.IsSome ? AfterFailure(Prev.ValueUnsafe()) : None;
            if (afterFailure.IsSome) return afterFailure.ValueUnsafe();
            if (c.IsConverged && !MidMigration && !Unfinished) return Synced();
            if (hold.IsSome)
            {
                var h = hold.ValueUnsafe();
                return Wait(h.Phase, h.Message, Prev.Map(p => p.Step).IfNone(0), h.RequeueAfter);
            }
            if (Shifted)
            {
                List<string>? down = null;
                foreach (var k in c.Used)
                {
                    if (!k.RequireReady) continue;
                    var reason = c.NotReadyReason(k);
                    if (reason.IsSome) (down ??= new List<string>()).Add($"{k.Name}: {reason.ValueUnsafe()}");
                }
                if (down is not null) return Degraded("readiness", $"its clusters to be ready again: {string.Join(", ", down)}");
            }
            return c.Spec.ArgoCd.UpdateStrategy == UpdateStrategyType.DeleteBeforeCreate
                ? DeleteBeforeCreate()
                : CreateBeforeDelete();
        }

        private bool Shifted => HasShifted(c);

        /// <summary>Whether traffic reaches the new members: the rule gives them weight, or a step was taken.</summary>
        private bool CarriesTraffic =>
            Shifted || (c.ShiftsWeights && c.ResolvedNew.Exists(arns => c.Rule.Exists(r => arns.Exists(a => r.Forward.WeightOf(a) > 0))));

        // ---- after a failure: wait, revert, or stay put

        private Option<ApplicationDecision> AfterFailure(ApplicationStatus p) => p.Phase switch
        {
            ApplicationPhase.Reverted or ApplicationPhase.FailedReverting => Some(Keep(p)),
            ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed when policy.Mode == RollbackMode.Halt => Some(Keep(p)),
            ApplicationPhase.CheckFailed or ApplicationPhase.PrecheckFailed =>
                p.FailedAt.IfNone(now) + policy.Delay > now
                    ? Some(Keep(p) with { RequeueAfter = Some(p.FailedAt.IfNone(now) + policy.Delay - now) })
                    : Some(Revert(p)),
            ApplicationPhase.Reverting => Some(Revert(p)),
            _ => None,
        };

        private ApplicationDecision Keep(ApplicationStatus p) =>
            new(p with { Weights = c.Rule.Map(r => r.Forward) }, c.Members, Seq<Command>(), false, None);

        private ApplicationDecision Revert(ApplicationStatus p)
        {
            ApplicationDecision Reverting(string message, Seq<string> membership, Seq<Command> commands) =>
                new(Status(ApplicationPhase.Reverting, message, p.Step, p.Steps, None, p.FailedAt),
                    membership, commands, false, Some(Poll));

            if (c.Revision.IsNone)
                return new(Status(ApplicationPhase.FailedReverting,
                    $"no saved revision for application {c.Spec.Name}; restore membership and weights by hand",
                    p.Step, p.Steps, None, p.FailedAt), c.Members, Seq<Command>(), false, None);
            var saved = c.Revision.IfNone(() => new ApplicationRevision(Seq<string>(), None));
            var lost = saved.Members.Filter(m => !c.World.ClusterSecrets.ContainsKey(m));
            if (!lost.IsEmpty)
                return new(Status(ApplicationPhase.FailedReverting,
                    $"cannot revert to revision {c.RevisionNumber}: cluster secret(s) {List(lost)} no longer exist",
                    p.Step, p.Steps, None, p.FailedAt), c.Members, Seq<Command>(), false, None);

            var missing = saved.Members.Filter(m => !c.Members.Contains(m));
            var extra = c.Members.Filter(m => !saved.Members.Contains(m));
            var dbc = c.Spec.ArgoCd.UpdateStrategy == UpdateStrategyType.DeleteBeforeCreate;
            if (dbc && !extra.IsEmpty)
                return Reverting($"removing {List(extra)} from {c.Set} before re-adding the saved members{Decommissions(extra)}",
                    Sorted(c.Members.Filter(m => !extra.Contains(m))), Seq<Command>());
            if (!missing.IsEmpty)
                return Reverting($"re-adding {List(missing)} to {c.Set} (revision {c.RevisionNumber})",
                    Sorted(c.Members + missing), Seq<Command>());
            var undeployed = NotDeployed(saved.Members);
            if (undeployed.Length > 0)
                return Reverting($"waiting for saved members to be Deployed again: {undeployed}", c.Members, Seq<Command>());
            var restore = from f in saved.Forward
                          from rule in c.Rule
                          where c.ShiftsWeights && !f.TargetGroups.IsEmpty && rule.Forward != f
                          select (Command)new Command.SetForwardWeights(c.Spec.Name, rule.Key, f);
            if (restore.IsSome)
                return Reverting($"restoring the weights of revision {c.RevisionNumber}: {saved.Forward.IfNone(ForwardConfig.Empty)}",
                    c.Members, restore.ToSeq());
            if (!extra.IsEmpty)
                return Reverting($"removing {List(extra)} from {c.Set}{Decommissions(extra)}", saved.Members, Seq<Command>());
            return new(Status(ApplicationPhase.Reverted,
                $"rolled back to revision {c.RevisionNumber}; this target is not retried until the spec changes",
                0, p.Steps, None, p.FailedAt), c.Members, Seq<Command>(), false, None);
        }

        // ---- the two update strategies

        private ApplicationDecision CreateBeforeDelete()
        {
            if (!c.Added.IsEmpty)
                return WaitingFor("membership", $"{List(c.Added)} to join {c.Set}",
                    Migrate(0, 1, $"adding {List(c.Added)} to {c.Set}", Sorted(c.Members + c.Added)));
            var undeployed = NotDeployed(c.Desired);
            if (undeployed.Length > 0)
                return CarriesTraffic
                    ? Degraded("new-members", $"new members carrying traffic to be Deployed again: {undeployed}")
                    : WaitingFor("deployed", $"new members to be Deployed: {undeployed}",
                        Migrate(0, 1, $"waiting for new members to be Deployed: {undeployed}", c.Members));
            return c.Spec.Alb.IsSome && c.ShiftsWeights ? Weighted(c.Spec.Alb.ValueUnsafe()) : Unweighted();
        }

        /// <summary>
        /// Traffic is on the new side but something it depends on is down: the checks keep running
        /// (a failing one fails the step now), the real step is shown, and the progress deadline
        /// bounds the wait for recovery.
        /// </summary>
        private ApplicationDecision Degraded(string what, string words)
        {
            var (step, steps) = RealStep();
            var started = StepStart(step);
            if (CheckGate.Evaluate(c.Checks, c.World, started) is CheckGate.Result.Failed f)
                return Fail(ApplicationPhase.CheckFailed, $"{f.Reason} at step {step}/{steps}", step, steps);
            return WaitingFor(what, words, new ApplicationDecision(
                Status(ApplicationPhase.Migrating, $"step {step}/{steps}: waiting for {words}", step, steps, Some(started), None),
                c.Members, Seq<Command>(), true, Some(Poll)));
        }

        /// <summary>The step the rule is really at (the schedule's, else the one recorded), and the number of steps.</summary>
        private (int Step, int Steps) RealStep()
        {
            var recorded = (Prev.Filter(_ => MidMigration).Map(p => p.Step).IfNone(0), Prev.Filter(_ => MidMigration).Map(p => p.Steps).IfNone(1));
            if (!c.ShiftsWeights || c.ResolvedNew.IsNone) return recorded;
            return (from alb in c.Spec.Alb
                    from rule in c.Rule
                    let schedule = Schedule(alb, rule)
                    select (schedule.StepOf(rule.Forward).IfNone(() => schedule.StepAtOrBelow(rule.Forward)), schedule.Steps))
                .IfNone(recorded);
        }

        /// <summary>
        /// A wait of a moving application, bounded by progressDeadline: the wait's start is kept
        /// while the same wait goes on; past the deadline the application fails, naming the wait.
        /// </summary>
        private ApplicationDecision WaitingFor(string what, string words, ApplicationDecision waiting)
        {
            var since = Prev.Filter(p => MidMigration && p.WaitingFor == what).Bind(p => p.WaitingSince).IfNone(now);
            var deadline = since + c.Spec.Deadline;
            if (now >= deadline)
                return Fail(ApplicationPhase.CheckFailed,
                    $"progressDeadline {Documents.Durations.Format(c.Spec.Deadline)} passed while waiting for {words} (waiting since {since:O})",
                    waiting.Status.Step, waiting.Status.Steps);
            var left = deadline - now;
            return waiting with
            {
                Status = waiting.Status with { WaitingFor = what, WaitingSince = Some(since) },
                RequeueAfter = Some(waiting.RequeueAfter.Filter(r => r < left).IfNone(left)),
            };
        }

        private ApplicationDecision DeleteBeforeCreate()
        {
            if (!(MidMigration && Prev.Exists(p => p.Step >= 1)))
            {
                var pre = Jobs(JobKind.Precheck, c.Spec.Prechecks, c.Target);
                if (pre.Blocked.IsSome) return pre.Blocked.IfNone(() => Synced());
            }
            if (!c.Old.IsEmpty)
                return WaitingFor("membership", $"{List(c.Old)} to leave {c.Set}",
                    Migrate(0, 1, $"removing {List(c.Old)} from {c.Set} first (DeleteBeforeCreate){Decommissions(c.Old)}",
                        c.Members.Filter(m => !c.Old.Contains(m))));
            if (!c.Added.IsEmpty)
                return WaitingFor("membership", $"{List(c.Added)} to join {c.Set}",
                    Migrate(0, 1, $"adding {List(c.Added)} to {c.Set}", c.Desired));
            var undeployed = NotDeployed(c.Desired);
            if (undeployed.Length > 0)
                return Shifted
                    ? Degraded("new-members", $"new members to be Deployed again: {undeployed}")
                    : WaitingFor("deployed", $"new members to be Deployed: {undeployed}",
                        Migrate(0, 1, $"waiting for new members to be Deployed: {undeployed}", c.Members));
            return Unweighted();
        }

        // ---- moving traffic

        /// <summary>alb with one target group per cluster: the weight schedule, one step per pass.</summary>
        private ApplicationDecision Weighted(AlbSpec alb) =>
            c.Rule.IsSome
                ? Weighted(alb, c.Rule.ValueUnsafe())
                : Fail(ApplicationPhase.Failed,
                    $"listener rule with priority {alb.Priority} not found on {alb.ListenerArn}; " +
                    "hotswap drives the forward action of an existing rule, so create the rule first", 0, 1, retry: true);

        private ApplicationDecision Weighted(AlbSpec alb, ListenerRule rule)
        {
            if (c.ResolvedNew.IsNone)
            {
                var why = string.Join("; ", c.TargetGroups.Values.Choose(e => e.Match(_ => None, l => Some(l))));
                var (at, of) = RealStep();
                return WaitingFor("target-groups", $"target groups: {why}", Migrate(at, of, "waiting for target groups: " + why, c.Members));
            }
            var schedule = Schedule(alb, rule);
            var n = schedule.Steps;
            var groups = schedule.OldOnly.Count + schedule.New.Count;
            if (groups > 5)
                return Fail(ApplicationPhase.Failed,
                    $"the forward action would need {groups} target groups ({schedule.OldOnly.Count} old + {schedule.New.Count} new); " +
                    "ALB allows 5 — migrate fewer clusters at once", 0, n, retry: true);
            var observed = rule.Forward;
            var found = schedule.StepOf(observed);
            var step = found.IsSome ? found.ValueUnsafe() : schedule.OldOnly.IsEmpty ? 0 : -1;
            if (step < 0)
            {
                var back = schedule.StepAtOrBelow(observed);
                return Shift(rule, schedule, back,
                    $"rule {rule.Key} drifted from the schedule ({observed}); restoring step {back}/{n}");
            }
            if (step == 0)
            {
                var unhealthy = UnhealthyNew(alb, schedule);
                if (unhealthy.Length > 0)
                    return WaitingFor("healthy-targets", $"healthy targets before the first shift: {unhealthy}",
                        Migrate(0, n, $"waiting for healthy targets before the first shift: {unhealthy}", c.Members));
                var pre = Jobs(JobKind.Precheck, c.Spec.Prechecks, Hashing.Of(observed));
                return pre.Blocked.IfNone(() => Shift(rule, schedule, 1, Describe(schedule, 1)));
            }
            var started = StepStart(step);
            if (step == n && Prev.Exists(p => p.Phase == ApplicationPhase.Completing))
                return Completing(Hashing.Of(observed), n, n);
            return Gate(step, started) switch
            {
                CheckGate.Result.Failed f => Fail(ApplicationPhase.CheckFailed, $"{f.Reason} at step {step}/{n}", step, n),
                CheckGate.Result.Pending p => Checking(p, new(
                    Status(ApplicationPhase.Migrating, $"{Describe(schedule, step)}; {p.Reason}", step, n, Some(started), None),
                    c.Members, Seq<Command>(), true, Some(Until(p.NextDue)))),
                _ => step < n
                    ? Shift(rule, schedule, step + 1, Describe(schedule, step + 1))
                    : Completing(Hashing.Of(observed), n, n),
            };
        }

        /// <summary>
        /// Waiting on the checks: the ordinary wait for the next measurement has no deadline (an
        /// interval may be long); a stalled one (inconclusive, a tolerated failure, a check not
        /// active) is bounded by progressDeadline.
        /// </summary>
        private ApplicationDecision Checking(CheckGate.Result.Pending p, ApplicationDecision waiting) =>
            p.Stalled ? WaitingFor("checks", $"checks to pass: {p.Reason}", waiting) : waiting;

        /// <summary>
        /// New target groups with fewer than alb.minHealthyTargets healthy targets (DescribeTargetHealth),
        /// e.g. "tg-b has 0 of 1 healthy"; empty when every one read has enough or was not read.
        /// </summary>
        private string UnhealthyNew(AlbSpec alb, WeightSchedule schedule) =>
            string.Join(", ", schedule.New
                .Choose(arn => c.World.HealthyTargets.Find(arn).Filter(n => n < alb.MinHealthyTargets)
                    .Map(n => $"{arn} has {n} of {alb.MinHealthyTargets} healthy")));

        /// <summary>No weights to move (no alb, or one shared target group): one checked step.</summary>
        private ApplicationDecision Unweighted()
        {
            var step = MidMigration ? Prev.Map(p => p.Step).IfNone(0) : 0;
            if (Prev.Exists(p => p.Phase == ApplicationPhase.Completing) && MidMigration)
                return Completing(c.Target, 1, 1);
            if (step == 0)
            {
                var pre = Jobs(JobKind.Precheck, c.Spec.Prechecks, c.Target);
                if (pre.Blocked.IsSome) return pre.Blocked.IfNone(() => Synced());
                return new(Status(ApplicationPhase.Migrating, $"checking {List(c.Desired)}", 1, 1, Some(now), None),
                    c.Members, Seq<Command>(), true, Some(FirstInterval));
            }
            var started = StepStart(1);
            return Gate(1, started) switch
            {
                CheckGate.Result.Failed f => Fail(ApplicationPhase.CheckFailed, f.Reason, 1, 1),
                CheckGate.Result.Pending p => Checking(p, new(
                    Status(ApplicationPhase.Migrating, $"checking {List(c.Desired)}; {p.Reason}", 1, 1, Some(started), None),
                    c.Members, Seq<Command>(), true, Some(Until(p.NextDue)))),
                _ => Completing(c.Target, 1, 1),
            };
        }

        /// <summary>All traffic on the new side: postchecks, then remove old members (destructive).</summary>
        private ApplicationDecision Completing(string hash, int step, int steps)
        {
            var post = Jobs(JobKind.Postcheck, c.Spec.Postchecks, hash, ApplicationPhase.Completing, step, steps);
            if (post.Blocked.IsSome) return post.Blocked.IfNone(() => Synced());
            if (!c.Old.IsEmpty)
                return WaitingFor("membership", $"{List(c.Old)} to leave {c.Set}", new(Status(ApplicationPhase.Completing,
                        $"removing {List(c.Old)} from {c.Set}{Decommissions(c.Old)}", step, steps, None, None),
                    c.Desired, Seq<Command>(), false, Some(Poll)));
            return Synced();
        }

        /// <summary>
        /// Writes step k's weights. New target groups are Deployed members by now; a write that
        /// would raise an old target group's weight (restoring a drifted rule) is refused unless
        /// the old side is still served (see <see cref="UnsafeOldSide"/>).
        /// </summary>
        private ApplicationDecision Shift(ListenerRule rule, WeightSchedule schedule, int step, string message)
        {
            var forward = schedule.At(step);
            List<string>? raised = null;
            foreach (var t in forward.TargetGroups)
                if (!Has(schedule.New, t.Arn) && RaisesShare(t, forward, rule.Forward)) (raised ??= new List<string>()).Add(t.Arn);
            var refused = raised is null ? None : UnsafeOldSide();
            return refused.IsSome
                ? Fail(ApplicationPhase.Failed,
                    $"{message}: not written, because it would raise the weight of {string.Join(", ", raised!)}, but {refused.ValueUnsafe()}. " +
                    "Set the rule to a step of the schedule, or make the old members Deployed again",
                    step, schedule.Steps, retry: true)
                : new ApplicationDecision(Status(ApplicationPhase.Migrating, message, step, schedule.Steps, Some(now), None),
                    c.Members, Seq1<Command>(new Command.SetForwardWeights(c.Spec.Name, rule.Key, forward)),
                    step >= 1, Some(FirstInterval));
        }

        /// <summary>
        /// True when the write gives <paramref name="t"/> a larger share of the traffic than the rule
        /// gives it now. ALB splits by weight / sum of weights, so shares are compared, not weights:
        /// observed [a:969, b:961] → written [a:393] lowers a's weight but raises its share from
        /// about 50% to 100% (969·393 &lt; 393·1930).
        /// </summary>
        private static bool RaisesShare(TargetGroupWeight t, ForwardConfig written, ForwardConfig observed)
        {
            long total = observed.TotalWeight;
            if (total == 0) return t.Weight > 0;
            return (long)t.Weight * total > (long)observed.WeightOf(t.Arn) * written.TotalWeight;
        }

        /// <summary>
        /// Why weight may not be raised on the old side's target groups: the saved revision is what
        /// says which clusters serve them, so its members must all still be Deployed members.
        /// None when they are.
        /// </summary>
        private Option<string> UnsafeOldSide()
        {
            var saved = c.Revision.Map(r => r.Members).IfNone(Seq<string>());
            if (saved.IsEmpty) return Some("no saved revision says which clusters serve them");
            var gone = saved.Filter(m => !c.Members.Contains(m));
            if (!gone.IsEmpty) return Some($"{List(gone)} of revision {c.RevisionNumber} no longer belong to {c.Set}");
            var undeployed = NotDeployed(saved);
            return undeployed.Length > 0 ? Some($"the old members are not Deployed: {undeployed}") : None;
        }

        private WeightSchedule Schedule(AlbSpec alb, ListenerRule rule)
        {
            var newArns = c.ResolvedNew.IfNone(Seq<string>());
            var saved = c.Revision.Bind(r => r.Forward);
            var old = saved.IsSome && !saved.ValueUnsafe().TargetGroups.IsEmpty ? saved.ValueUnsafe() : rule.Forward;
            var oldOnly = old.TargetGroups.Filter(t => !Has(newArns, t.Arn)).Strict();
            return new WeightSchedule(oldOnly.Count > 1 ? ByClusterName(alb, oldOnly) : oldOnly, newArns, alb.StepWeight, alb.TotalWeight);
        }

        /// <summary>
        /// The old side in tie-break order: by the name of the cluster each target group fronts
        /// (DESIGN.md), target groups of no known cluster last, by ARN.
        /// </summary>
        private Seq<TargetGroupWeight> ByClusterName(AlbSpec alb, Seq<TargetGroupWeight> old)
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var secret in c.Revision.Map(r => r.Members).IfNone(c.Old))
            {
                var cluster = c.World.ArgoCDClusters.Find(secret).Map(o => new ClusterSpec(o.Spec.Cluster,
                    new EksSpec(o.Spec.EksClusterName, o.Spec.RoleArn), o.Spec.RequireReady, o.Spec.ReadyTimeout, o.Spec.Labels));
                if (cluster.IsNone) cluster = c.Used.Find(k => Naming.ClusterSecret(c.System, k.Name) == secret);
                if (cluster.IsNone) continue;
                var k = cluster.ValueUnsafe();
                var arn = TargetGroups.Resolve(alb.TargetGroup, k, c.World);
                if (arn.IsRight) names.TryAdd(arn.IfLeft(""), k.Name);
            }
            var sorted = old.ToArray();
            System.Array.Sort(sorted, (x, y) =>
            {
                var (nx, ny) = (names.TryGetValue(x.Arn, out var a), names.TryGetValue(y.Arn, out var b));
                return nx != ny ? (nx ? -1 : 1)
                    : nx && a != b ? string.CompareOrdinal(a, b)
                    : string.CompareOrdinal(x.Arn, y.Arn);
            });
            return sorted.ToSeq().Strict();
        }

        private static string Describe(WeightSchedule schedule, int step) =>
            $"step {step}/{schedule.Steps}: {schedule.NewShare(step)}/{schedule.TotalWeight} on the new side";

        // ---- prechecks and postchecks

        private sealed record JobsResult(Option<ApplicationDecision> Blocked);

        private JobsResult Jobs(
            JobKind kind, Seq<JobCheckSpec> specs, string hash,
            ApplicationPhase phase = ApplicationPhase.Prechecking, int step = 0, int steps = 1)
        {
            if (specs.IsEmpty) return new JobsResult(None);
            var word = kind == JobKind.Precheck ? "precheck" : "postcheck";
            var key = Naming.JobKey(hash, c.Target);
            var jobs = specs.Map(s => (Spec: s, Name: Naming.Job(c.System, c.Spec.Name, s.Name, key)))
                .Map(j => (j.Spec, j.Name, State: c.World.Jobs.Find(j.Name))).Strict();
            consulted.AddRange(jobs.Map(j => j.Name));
            var failed = jobs.Find(j => j.State.Exists(s => s.Phase == JobPhase.Failed));
            foreach (var (spec, name, state) in failed)
            {
                var why = state.Map(s => s.Message).Filter(m => m.Length > 0).Map(m => $": {m}").IfNone("");
                return new JobsResult(Some(Fail(
                    kind == JobKind.Precheck ? ApplicationPhase.PrecheckFailed : ApplicationPhase.CheckFailed,
                    $"{word} {spec.Name} failed (job {name}){why}", step, steps)));
            }
            var pending = jobs.Filter(j => !j.State.Exists(s => s.Phase == JobPhase.Succeeded)).Strict();
            if (pending.IsEmpty) return new JobsResult(None);
            var create = pending.Filter(j => j.State.IsNone)
                .Map(j => (Command)new Command.CreateJob(j.Name, c.Spec.Name, j.Spec.Name, kind, j.Spec.TemplateJson, hash));
            var running = List(pending.Map(j => $"{j.Spec.Name} (job {j.Name})"));
            return new JobsResult(Some(WaitingFor(word, $"{word}s {running}", new ApplicationDecision(
                Status(phase, $"running {word}s {running}", step, steps, None, None),
                c.Members,
                create, false, Some(Poll)))));
        }

        // ---- small pieces

        private ApplicationDecision Synced()
        {
            var steps = Prev.Map(p => p.Steps).IfNone(1);
            return new(Status(ApplicationPhase.Synced, "membership and traffic are as specified", steps, steps, None, None),
                c.Desired, Seq<Command>(), false, None);
        }

        private ApplicationDecision Migrate(int step, int steps, string message, Seq<string> membership) =>
            new(Status(ApplicationPhase.Migrating, message, step, steps, None, None), membership, Seq<Command>(), false, Some(Poll));

        private ApplicationDecision Wait(ApplicationPhase phase, string message, int step, Option<TimeSpan> requeue) =>
            new(Status(phase, message, step, Prev.Map(p => p.Steps).IfNone(1), None, None), c.Members, Seq<Command>(), false, requeue);

        private ApplicationDecision Fail(ApplicationPhase phase, string reason, int step, int steps, bool retry = false)
        {
            var then = retry ? "" : policy.Mode == RollbackMode.Halt
                ? ". Halted (spec.rollback.policy: Halt): fix the cause, then change the spec or set rollback.policy: Rollback"
                : $". Waiting {policy.Delay.TotalSeconds:0} seconds before starting a rollback";
            return new(Status(phase, reason + then, step, steps, None, retry ? None : Some(now)),
                c.Members, Seq<Command>(), false, retry ? Some(TimeSpan.FromMinutes(1)) : policy.Mode == RollbackMode.Halt ? None : Some(policy.Delay));
        }

        private ApplicationStatus Status(
            ApplicationPhase phase, string message, int step, int steps,
            Option<DateTimeOffset> stepStartedAt, Option<DateTimeOffset> failedAt) =>
            new(c.Spec.Name, phase, message, step, steps, stepStartedAt, failedAt, c.Target, c.Rule.Map(r => r.Forward));

        private DateTimeOffset StepStart(int step) =>
            Prev.IsSome && Prev.ValueUnsafe().Step == step && MidMigration ? Prev.ValueUnsafe().StepStartedAt.IfNone(now) : now;

        private TimeSpan FirstInterval
        {
            get
            {
                if (c.Checks.IsEmpty) return TimeSpan.Zero;
                var first = TimeSpan.MaxValue;
                foreach (var k in c.Checks)
                    if (k.Interval < first) first = k.Interval;
                return first;
            }
        }

        private TimeSpan Until(Option<DateTimeOffset> due) =>
            due.Map(d => d > now ? d - now : TimeSpan.Zero).IfNone(Poll);

        private string NotDeployed(Seq<string> members)
        {
            List<string>? reasons = null;
            foreach (var m in members)
            {
                var reason = c.NotDeployedReason(m);
                if (reason.IsSome) (reasons ??= new List<string>()).Add($"{m}: {reason.ValueUnsafe()}");
            }
            return reasons is null ? "" : string.Join("; ", reasons);
        }

        private static bool Has(Seq<string> items, string item)
        {
            for (var i = 0; i < items.Count; i++)
                if (items[i] == item) return true;
            return false;
        }

        private string Decommissions(Seq<string> leaving)
        {
            var apps = leaving.Bind(m => Deployments.Decommissioned(c.Spec.ArgoCd.ApplicationSet, m, c.Index));
            return apps.IsEmpty ? "" : $"; ArgoCD deletes {List(apps)} and their workloads";
        }

        private static string List(Seq<string> items) => string.Join(", ", items);

        private static Seq<string> Sorted(Seq<string> items) =>
            items.Distinct().OrderBy(i => i, StringComparer.Ordinal).ToSeq();
    }
}
