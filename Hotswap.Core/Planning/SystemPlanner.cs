using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using LanguageExt.UnsafeValueAccess;

namespace Hotswap.Core.Planning;

/// <summary>
/// The System's reconcile: keeps the children (ArgoCDCluster, ArgoCDApplicationDeployment, Check)
/// as the spec and the migration stage say, saves the revision before anything moves, holds every
/// application at the readiness gate, and runs each application's stage machine.
/// </summary>
public static class SystemPlanner
{
    private static readonly System.Collections.Generic.HashSet<ApplicationPhase> AtRest =
        [ApplicationPhase.Synced, ApplicationPhase.Pending, ApplicationPhase.WaitingForClusters,
         ApplicationPhase.Reverted, ApplicationPhase.Failed];

    private static readonly System.Collections.Generic.HashSet<ApplicationPhase> AfterFailure =
        [ApplicationPhase.CheckFailed, ApplicationPhase.PrecheckFailed, ApplicationPhase.Reverting,
         ApplicationPhase.Reverted, ApplicationPhase.FailedReverting];

    public static Decision<SystemStatus> Plan(SystemSpec spec, World world, SystemStatus status, DateTimeOffset now) =>
        Plan(spec, WorldIndex.Of(world), status, now);

    /// <summary>The same decision, with the world's look-ups already built.</summary>
    public static Decision<SystemStatus> Plan(SystemSpec spec, WorldIndex index, SystemStatus status, DateTimeOffset now)
    {
        var world = index.World;
        var deleting = SystemFinalizer.Deleting(spec, world, status);
        if (deleting.IsSome) return deleting.IfNone(() => throw new InvalidOperationException());
        var clusters = new ClusterIndex(spec.Clusters);
        var recorded = ApplicationContext.ByName(status);
        var contexts = spec.Applications.Map(a => ApplicationContext.Build(spec, clusters, a, index, recorded)).Strict();
        var readiness = ReadinessGate.Evaluate(spec, world, status.WaitingForClustersSince, now);
        var revision = RevisionToSave(spec, world, status, contexts);
        var saving = revision.Map(r => r.Fresh).IfNone(false);
        var unsaved = revision.Map(r => r.Added).IfNone(Seq<string>()).ToHashSet();
        var saveHold = new Hold(ApplicationPhase.Pending, "saving the last good state as a revision before migrating", Some(TimeSpan.Zero));
        var gateHold = readiness.Open
            ? Option<Hold>.None
            : Some(new Hold(readiness.TimedOut ? ApplicationPhase.Failed : ApplicationPhase.WaitingForClusters,
                readiness.Message, Some(TimeSpan.FromSeconds(30))));
        // The System-wide gate holds an application only until its first shift; after that only
        // its own clusters matter to it (ApplicationPlanner), under its progressDeadline.
        Option<Hold> HoldFor(ApplicationContext c) =>
            saving || unsaved.Contains(c.Spec.Name) ? Some(saveHold)
            : ApplicationPlanner.HasShifted(c) ? None
            : gateHold;
        var planned = new (ApplicationContext Context, ApplicationDecision Decision)[contexts.Count];
        var i = 0;
        foreach (var c in contexts) planned[i++] = (c, ApplicationPlanner.Plan(c, HoldFor(c), spec.Rollback, now));
        var apps = toSeq(planned);

        // One list in the documented order, rather than a chain of concatenated sequences.
        var commands = new List<Command>(planned.Length * 2);
        commands.AddRange(SystemFinalizer.Ensure(spec, world));
        if (revision.IsSome) commands.Add(new Command.SaveRevision(spec.Name, revision.ValueUnsafe().Revision));
        ClusterCommands(spec, world, planned, commands);
        foreach (var a in planned) DeploymentCommand(spec, world, a.Context, a.Decision, commands);
        CheckCommands(spec, world, planned, commands);
        foreach (var a in planned) commands.AddRange(a.Decision.Commands);
        commands.AddRange(JobCleanup.Plan(world, () => apps.Map(a => (a.Context.Spec.Name, a.Decision.JobsInUse)).ToHashMap()));
        var requeue = revision.IsSome ? Some(TimeSpan.Zero) : None;
        var statuses = new ApplicationStatus[planned.Length];
        var requests = new List<RequestOutcome>();
        TimeSpan? soonest = null;
        i = 0;
        foreach (var (_, d) in planned)
        {
            statuses[i++] = d.Status;
            requests.AddRange(d.Requests);
            if (d.RequeueAfter.IsSome && (soonest is null || d.RequeueAfter.ValueUnsafe() < soonest)) soonest = d.RequeueAfter.ValueUnsafe();
        }
        if (revision.IsNone && soonest is { } s) requeue = Some(s);
        return new Decision<SystemStatus>(
            toSeq(commands), Summarise(spec, status, toSeq(statuses), readiness, world.Controls, now), requeue,
            Notices.SystemNotices.Requests(spec.Name, toSeq(requests)));
    }

    /// <summary>True when the application has somewhere to go (not converged, not stopped by a failure).</summary>
    public static bool WantsToMove(ApplicationContext c) =>
        !c.Previous.Exists(p => AfterFailure.Contains(p.Phase))
        && !(c.IsConverged && !c.Previous.Exists(p => !AtRest.Contains(p.Phase)));

    // ---- revision: saved before any application moves for a new spec

    /// <summary>A revision to save: a fresh one for a new spec, or the current one plus entries for applications it lacks.</summary>
    private sealed record RevisionSave(Revision Revision, bool Fresh, Seq<string> Added);

    /// <summary>
    /// Before anything moves for a new spec, the last good state of every application. An
    /// application added to the System mid-migration gets its entry (its state now) before its
    /// first write, so its failure can revert too.
    /// </summary>
    private static Option<RevisionSave> RevisionToSave(
        SystemSpec spec, World world, SystemStatus status, Seq<ApplicationContext> contexts)
    {
        var moving = contexts.Filter(WantsToMove);
        if (moving.IsEmpty) return None;
        var specHash = Hashing.Of(string.Join(",", contexts.Map(c => c.Target)));
        var stale = world.Revision.Match(
            r => r.SpecHash != specHash && status.Applications.ForAll(a => AtRest.Contains(a.Phase)),
            () => true);
        if (stale)
            return Some(new RevisionSave(new Revision(
                world.Revision.Map(r => r.Number + 1).IfNone(1),
                specHash,
                contexts.Map(c => (c.Spec.Name, Entry(c))).ToHashMap()), true, Seq<string>()));
        var missing = moving.Filter(c => c.Revision.IsNone);
        return world.Revision.Filter(_ => !missing.IsEmpty).Map(r => new RevisionSave(
            r with
            {
                Number = r.Number + 1,
                Applications = missing.Fold(r.Applications, (acc, c) => acc.AddOrUpdate(c.Spec.Name, Entry(c))),
            },
            false, missing.Map(c => c.Spec.Name)));
    }

    private static ApplicationRevision Entry(ApplicationContext c) => new(c.Members, c.Rule.Map(r => r.Forward));

    // ---- children

    private static void ClusterCommands(
        SystemSpec spec, World world, (ApplicationContext Context, ApplicationDecision Decision)[] apps, List<Command> commands)
    {
        var desiredNames = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var c in spec.Clusters)
        {
            var d = new ArgoCDClusterSpec(
                Naming.ClusterSecret(spec.Name, c.Name), spec.Name, c.Name, c.Eks.ClusterName, c.Eks.RoleArn,
                c.RequireReady, c.ReadyTimeout, c.Labels);
            desiredNames.Add(d.Name);
            var observed = world.ArgoCDClusters.Find(d.Name);
            if (observed.IsNone || observed.ValueUnsafe().Spec != d) commands.Add(new Command.ApplyArgoCDCluster(d));
        }
        // Deletes only when some ArgoCDCluster or secret is not desired: the usual case has none.
        var undesired = new System.Collections.Generic.SortedSet<string>(StringComparer.Ordinal);
        foreach (var o in world.ArgoCDClusters.Values)
            if (!desiredNames.Contains(o.Spec.Name)) undesired.Add(o.Spec.Name);
        foreach (var name in world.ClusterSecrets.Keys)
            if (!desiredNames.Contains(name)) undesired.Add(name);
        if (undesired.Count == 0) return;
        // A rollback re-adds the saved members, so their secrets stay until the migration is over.
        var stillNeeded = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, d) in apps) stillNeeded.UnionWith(d.Membership);
        foreach (var (_, d) in apps)
            if (d.Status.Phase is not (ApplicationPhase.Synced or ApplicationPhase.Reverted))
                stillNeeded.UnionWith(world.Revision.Bind(r => r.Applications.Find(d.Status.Name)).Map(r => r.Members).IfNone(Seq<string>()));
        // The secret lives in the ArgoCD namespace, out of the ownerReference's reach, so it is
        // deleted by name after its ArgoCDCluster (deleted first, the child cannot write it again).
        // A secret left behind by a crash between the two is still observed (the observer reads
        // the secrets of the last saved revision's members too) and deleted on the next pass.
        foreach (var n in undesired)
        {
            if (stillNeeded.Contains(n) || world.ClusterSecrets.Find(n).Exists(s => !s.Memberships.IsEmpty)) continue;
            if (world.ArgoCDClusters.ContainsKey(n)) commands.Add(new Command.DeleteArgoCDCluster(n));
            if (world.ClusterSecrets.ContainsKey(n))
                commands.Add(new Command.DeleteClusterSecret(n, SystemFinalizer.Decommissions(world, n), Command.DeleteClusterSecret.ClusterLeft));
        }
    }

    /// <summary>
    /// The application's membership as decided. When it drops members, this command decides the
    /// decommissioning, so it names who leaves and which Applications ArgoCD deletes (destructive).
    /// </summary>
    private static void DeploymentCommand(
        SystemSpec spec, World world, ApplicationContext c, ApplicationDecision d, List<Command> commands)
    {
        var desired = new ApplicationDeploymentSpec(
            Naming.Deployment(spec.Name, c.Spec.Name), spec.Name, c.Spec.Name, d.Membership,
            c.Spec.ArgoCd.ClusterSecret, c.Spec.ArgoCd.ApplicationSet, c.Spec.ArgoCd.UpdateStrategy);
        var observed = world.Deployments.Find(desired.Name);
        if (observed.IsSome && observed.ValueUnsafe().Spec == desired) return;
        var leaving = c.Members.Filter(m => !d.Membership.Contains(m)).Strict();
        var decommissions = leaving.Bind(m => Deployments.Decommissioned(c.Spec.ArgoCd.ApplicationSet, m, c.Index)).Strict();
        commands.Add(new Command.ApplyApplicationDeployment(desired, leaving, decommissions));
    }

    private static void CheckCommands(
        SystemSpec spec, World world, (ApplicationContext Context, ApplicationDecision Decision)[] apps, List<Command> commands)
    {
        // Active checks measure no earlier than one interval into the current step (its window).
        var desiredNames = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var (context, decision) in apps)
            foreach (var k in context.Checks)
            {
                var d = k with
                {
                    Suspended = !decision.ChecksActive,
                    NotBefore = decision.ChecksActive ? decision.Status.StepStartedAt.Map(t => t + k.Interval) : None,
                };
                desiredNames.Add(d.Name);
                var observed = world.Checks.Find(d.Name);
                if (observed.IsNone || observed.ValueUnsafe().Spec != d) commands.Add(new Command.ApplyCheck(d));
            }
        var deletes = new List<string>();
        foreach (var o in world.Checks.Values)
            if (o.Spec.System == spec.Name && !desiredNames.Contains(o.Spec.Name)) deletes.Add(o.Spec.Name);
        deletes.Sort(StringComparer.Ordinal);
        foreach (var n in deletes) commands.Add(new Command.DeleteCheck(n));
    }

    // ---- status

    private static readonly ApplicationPhase[] Urgency = [
        ApplicationPhase.FailedReverting, ApplicationPhase.Reverting, ApplicationPhase.CheckFailed,
        ApplicationPhase.PrecheckFailed, ApplicationPhase.Failed, ApplicationPhase.WaitingForClusters,
        ApplicationPhase.Prechecking, ApplicationPhase.Migrating, ApplicationPhase.Completing,
        ApplicationPhase.Pending, ApplicationPhase.Reverted, ApplicationPhase.Synced];

    private static SystemStatus Summarise(
        SystemSpec spec, SystemStatus previous, Seq<ApplicationStatus> apps, ReadinessGate.Result readiness,
        Controls.ManualControls controls, DateTimeOffset now)
    {
        // The most urgent application, the first of them on a tie (as a stable sort would give).
        ApplicationStatus? mostUrgent = null;
        var urgency = int.MaxValue;
        foreach (var a in apps)
        {
            var u = System.Array.IndexOf(Urgency, a.Phase);
            if (u < urgency) (mostUrgent, urgency) = (a, u);
        }
        var urgent = mostUrgent is null ? Option<ApplicationStatus>.None : Some(mostUrgent);
        var phase = urgent.Map(a => SystemPhaseOf(a.Phase)).IfNone(SystemPhase.Synced);
        var synced = apps.Count(a => a.Phase == ApplicationPhase.Synced);
        var message = phase == SystemPhase.Synced
            ? $"all {apps.Count} application(s) synced"
            : urgent.Map(a => $"application {a.Name}: {a.Message}").IfNone("");
        var failing = apps.Exists(a => SystemPhaseOf(a.Phase) is SystemPhase.Failed or SystemPhase.FailedReverting or SystemPhase.Reverting);
        var moving = apps.Exists(a => a.Phase is ApplicationPhase.Migrating or ApplicationPhase.Prechecking or ApplicationPhase.Completing);
        var conditions = Seq(
            Condition(previous, now, "Ready", phase == SystemPhase.Synced, phase.ToString(), message),
            Condition(previous, now, "ClustersReady", readiness.Open, readiness.Open ? "AllClustersReady" : "ClustersNotReady", readiness.Message),
            Condition(previous, now, "Progressing", moving, moving ? "Migrating" : "Idle", moving ? message : "no migration in progress"),
            Condition(previous, now, "Degraded", failing, failing ? phase.ToString() : "NoFailure", failing ? message : "no failure"))
            + (controls.Malformed.IsEmpty
                ? Seq<Condition>()
                : Seq1(Condition(previous, now, "ControlsValid", false, "MalformedAnnotation",
                    $"ignored: {string.Join("; ", controls.Malformed)}")));
        return new SystemStatus(
            spec.Generation, phase, message, $"{synced}/{apps.Count} synced", conditions, apps,
            readiness.Open ? None : readiness.WaitingSince);
    }

    private static SystemPhase SystemPhaseOf(ApplicationPhase phase) => phase switch
    {
        ApplicationPhase.Pending => SystemPhase.Pending,
        ApplicationPhase.WaitingForClusters => SystemPhase.WaitingForClusters,
        ApplicationPhase.Prechecking => SystemPhase.Prechecking,
        ApplicationPhase.Migrating => SystemPhase.Migrating,
        ApplicationPhase.Completing => SystemPhase.Completing,
        ApplicationPhase.Synced => SystemPhase.Synced,
        ApplicationPhase.Reverting => SystemPhase.Reverting,
        ApplicationPhase.Reverted => SystemPhase.Reverted,
        ApplicationPhase.FailedReverting => SystemPhase.FailedReverting,
        _ => SystemPhase.Failed,
    };

    /// <summary>A condition whose lastTransitionTime moves only when its status flips.</summary>
    private static Condition Condition(SystemStatus previous, DateTimeOffset now, string type, bool value, string reason, string message)
    {
        var status = value ? "True" : "False";
        var since = previous.Conditions.Find(c => c.Type == type && c.Status == status).Map(c => c.LastTransitionTime).IfNone(now);
        return new Condition(type, status, reason, message, since);
    }
}
