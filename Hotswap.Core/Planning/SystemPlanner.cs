using Hotswap.Core.Children;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

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
        var apps = contexts.Map(c => (Context: c, Decision: ApplicationPlanner.Plan(c, HoldFor(c), spec.Rollback, now))).Strict();

        var commands =
            SystemFinalizer.Ensure(spec, world)
            + revision.Map(r => (Command)new Command.SaveRevision(spec.Name, r.Revision)).ToSeq()
            + ClusterCommands(spec, world, apps.Map(a => a.Decision))
            + apps.Bind(a => DeploymentCommand(spec, world, a.Context, a.Decision))
            + CheckCommands(spec, world, apps)
            + apps.Bind(a => a.Decision.Commands)
            + JobCleanup.Plan(world, () => apps.Map(a => (a.Context.Spec.Name, a.Decision.JobsInUse)).ToHashMap());
        var requeues = apps.Choose(a => a.Decision.RequeueAfter);
        var requeue = revision.IsSome ? Some(TimeSpan.Zero) : requeues.IsEmpty ? None : Some(requeues.Min());
        return new Decision<SystemStatus>(
            commands, Summarise(spec, status, apps.Map(a => a.Decision.Status), readiness, world.Controls, now), requeue,
            Notices.SystemNotices.Requests(spec.Name, apps.Bind(a => a.Decision.Requests)));
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

    private static Seq<Command> ClusterCommands(SystemSpec spec, World world, Seq<ApplicationDecision> decisions)
    {
        var desired = spec.Clusters.Map(c => new ArgoCDClusterSpec(
            Naming.ClusterSecret(spec.Name, c.Name), spec.Name, c.Name, c.Eks.ClusterName, c.Eks.RoleArn,
            c.RequireReady, c.ReadyTimeout, c.Labels));
        var applies = desired
            .Filter(d => !world.ArgoCDClusters.Find(d.Name).Exists(o => o.Spec == d))
            .Map(d => (Command)new Command.ApplyArgoCDCluster(d));
        // A rollback re-adds the saved members, so their secrets stay until the migration is over.
        var guarded = decisions
            .Filter(d => d.Status.Phase is not (ApplicationPhase.Synced or ApplicationPhase.Reverted))
            .Bind(d => world.Revision.Bind(r => r.Applications.Find(d.Status.Name)).Map(r => r.Members).IfNone(Seq<string>()));
        var stillNeeded = (decisions.Bind(d => d.Membership) + guarded).ToHashSet();
        var desiredNames = desired.Map(d => d.Name).ToHashSet();
        // The secret lives in the ArgoCD namespace, out of the ownerReference's reach, so it is
        // deleted by name after its ArgoCDCluster; a secret left behind (by a crash between the
        // two) is found again by name and deleted on the next pass.
        var gone = world.ArgoCDClusters.Keys.Concat(world.ClusterSecrets.Keys).Distinct()
            .Filter(n => !desiredNames.Contains(n))
            .Filter(n => !stillNeeded.Contains(n))
            .Filter(n => !world.ClusterSecrets.Find(n).Exists(s => !s.Memberships.IsEmpty))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToSeq();
        var deletes = gone.Bind(n =>
            (world.ArgoCDClusters.ContainsKey(n) ? Seq1<Command>(new Command.DeleteArgoCDCluster(n)) : Seq<Command>())
            + (world.ClusterSecrets.ContainsKey(n) ? Seq1<Command>(new Command.DeleteClusterSecret(n, SystemFinalizer.Decommissions(world, n), Command.DeleteClusterSecret.ClusterLeft)) : Seq<Command>()));
        return applies + deletes;
    }

    /// <summary>
    /// The application's membership as decided. When it drops members, this command decides the
    /// decommissioning, so it names who leaves and which Applications ArgoCD deletes (destructive).
    /// </summary>
    private static Seq<Command> DeploymentCommand(SystemSpec spec, World world, ApplicationContext c, ApplicationDecision d)
    {
        var desired = new ApplicationDeploymentSpec(
            Naming.Deployment(spec.Name, c.Spec.Name), spec.Name, c.Spec.Name, d.Membership,
            c.Spec.ArgoCd.ClusterSecret, c.Spec.ArgoCd.ApplicationSet, c.Spec.ArgoCd.UpdateStrategy);
        if (world.Deployments.Find(desired.Name).Exists(o => o.Spec == desired)) return Seq<Command>();
        var leaving = c.Members.Filter(m => !d.Membership.Contains(m)).Strict();
        var decommissions = leaving.Bind(m => Deployments.Decommissioned(c.Spec.ArgoCd.ApplicationSet, m, c.Index)).Strict();
        return Seq1<Command>(new Command.ApplyApplicationDeployment(desired, leaving, decommissions));
    }

    private static Seq<Command> CheckCommands(
        SystemSpec spec, World world, Seq<(ApplicationContext Context, ApplicationDecision Decision)> apps)
    {
        // Active checks measure no earlier than one interval into the current step (its window).
        var desired = apps.Bind(a => a.Context.Checks.Map(k => k with
        {
            Suspended = !a.Decision.ChecksActive,
            NotBefore = a.Decision.ChecksActive ? a.Decision.Status.StepStartedAt.Map(t => t + k.Interval) : None,
        }));
        var applies = desired
            .Filter(d => !world.Checks.Find(d.Name).Exists(o => o.Spec == d))
            .Map(d => (Command)new Command.ApplyCheck(d));
        var desiredNames = desired.Map(d => d.Name).ToHashSet();
        var deletes = world.Checks.Values
            .Filter(o => o.Spec.System == spec.Name && !desiredNames.Contains(o.Spec.Name))
            .Map(o => o.Spec.Name)
            .OrderBy(n => n, StringComparer.Ordinal)
            .Map(n => (Command)new Command.DeleteCheck(n));
        return applies + deletes.ToSeq();
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
        var urgent = apps.OrderBy(a => System.Array.IndexOf(Urgency, a.Phase)).ToSeq().HeadOrNone();
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
