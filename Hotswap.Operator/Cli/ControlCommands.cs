using System.CommandLine;
using System.Text.Json.Nodes;
using Hotswap.Core.Controls;
using Hotswap.Core.Documents;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Effects.Kubernetes;
using Hotswap.Effects.Ports;
using k8s;
using k8s.Models;
using LanguageExt;
using Command = System.CommandLine.Command;

namespace Hotswap.Operator.Cli;

/// <summary>
/// The manual controls: <c>hotswap abort|retry|pause|resume|promote SYSTEM [APP]</c>. Each writes
/// annotations on the System in <see cref="ManualControls"/>' format and nothing else; the planner
/// reads them (the decision stays in Core). abort, retry and promote merge-patch just their own
/// key; pause and resume rewrite the one pause list, guarded by resourceVersion and retried on a
/// conflict. A request that cannot apply to the application as its status records it is refused
/// with the reason and writes nothing.
/// </summary>
public static class ControlCommands
{
    private const int ConflictRetries = 5;

    public static Command Abort()
    {
        var (command, kube, system, app) = Common("abort",
            "Fail a migration now and roll back (or halt) per spec.rollback: APP's, or every moving application's.", optionalApp: true);
        command.SetAction((r, _) => CommandFailures.Catch(async () =>
        {
            var target = kube.Resolve(r);
            using var client = target.Client();
            var s = await SystemLookup.ReadAsync(client, target, r.GetValue(system)!);
            var apps = Chosen(s, r.GetValue(app));
            var refusals = apps.Select(a => (App: a, Why: ControlGuards.Abort(a, s.Application(a)))).Where(x => x.Why is not null).ToList();
            var moving = apps.Where(a => refusals.All(x => x.App != a)).ToList();
            if (moving.Count == 0)
                throw new CliFailure(r.GetValue(app) is null
                    ? $"System {s.Namespace}/{s.Name}: nothing to abort: no application is moving ({Phases(s, apps)})"
                    : $"System {s.Namespace}/{s.Name}: {refusals[0].Why}");
            var notes = moving.ToDictionary(a => ManualControls.AbortPrefix + a, a => (string?)ManualControls.FormatRequest(At(s, a)));
            await AnnotateAsync(client, target, s, notes, resourceVersion: null);
            var left = refusals.Count == 0 ? "" : $" Not moving, left alone: {Phases(s, refusals.Select(x => x.App))}.";
            Console.Out.WriteLine(
                $"System {s.Namespace}/{s.Name}: abort of {string.Join(", ", moving)} requested ({Pairs(notes)}). " +
                $"The operator will fail {Possessive(moving)} migration now ({string.Join(", ", moving.Select(a => Where(s, a)))}) " +
                $"and {AfterFailure(s.Rollback)}.{left}");
            return 0;
        }));
        return command;
    }

    public static Command Retry()
    {
        var (command, kube, system, app) = Common("retry",
            "Try a Reverted or Failed application's target again without editing the spec (or resume a halted one).", optionalApp: false);
        command.SetAction((r, _) => CommandFailures.Catch(async () =>
        {
            var target = kube.Resolve(r);
            using var client = target.Client();
            var s = await SystemLookup.ReadAsync(client, target, r.GetValue(system)!);
            var a = SystemLookup.Application(s, r.GetValue(app)!);
            var status = s.Application(a);
            if (ControlGuards.Retry(a, status, s.Rollback) is { } why) throw new CliFailure($"System {s.Namespace}/{s.Name}: {why}");
            var notes = new Dictionary<string, string?> { [ManualControls.RetryPrefix + a] = ManualControls.FormatRequest(At(s, a)) };
            await AnnotateAsync(client, target, s, notes, resourceVersion: null);
            var what = status!.Phase switch
            {
                ApplicationPhase.FailedReverting => $"resume {a}'s rollback, which could not proceed (FailedReverting)",
                ApplicationPhase.Reverted or ApplicationPhase.Failed => $"try {a}'s target again without a spec change (it is {status.Phase})",
                _ => $"pick {a} up again where spec.rollback.policy Halt stopped it ({status.Phase})",
            };
            Console.Out.WriteLine($"System {s.Namespace}/{s.Name}: retry of {a} requested ({Pairs(notes)}). The operator will {what}.");
            return 0;
        }));
        return command;
    }

    public static Command Promote()
    {
        var (command, kube, system, app) = Common("promote",
            "Skip the rest of the checks' wait at APP's current step, or with --full at every remaining step. Safety gates still apply.",
            optionalApp: false);
        var full = new System.CommandLine.Option<bool>("--full") { Description = "Skip the checks' wait at every remaining step" };
        command.Options.Add(full);
        command.SetAction((r, _) => CommandFailures.Catch(async () =>
        {
            var target = kube.Resolve(r);
            using var client = target.Client();
            var s = await SystemLookup.ReadAsync(client, target, r.GetValue(system)!);
            var a = SystemLookup.Application(s, r.GetValue(app)!);
            var status = s.Application(a);
            if (ControlGuards.Promote(a, status) is { } why) throw new CliFailure($"System {s.Namespace}/{s.Name}: {why}");
            var step = r.GetValue(full) ? LanguageExt.Option<int>.None : Prelude.Some(status!.Step);
            var notes = new Dictionary<string, string?> { [ManualControls.PromotePrefix + a] = ManualControls.FormatPromote(step, At(s, a)) };
            await AnnotateAsync(client, target, s, notes, resourceVersion: null);
            var what = step.Match(
                k => $"skip the rest of step {k}'s check wait (only while {a} is still at step {k} of {status!.Steps})",
                () => $"skip the checks' wait at every remaining step of {a} (now at step {status!.Step}/{status.Steps})");
            Console.Out.WriteLine(
                $"System {s.Namespace}/{s.Name}: promote of {a} {step.Match(k => $"at step {k}", () => "to the end")} requested ({Pairs(notes)}). " +
                $"The operator will {what}; the safety gates still hold: Deployed members, readiness, healthy targets, prechecks, postchecks.");
            return 0;
        }));
        return command;
    }

    public static Command Pause()
    {
        var (command, kube, system, app) = Common("pause",
            "Hold APP (or every application) at its current step; checks keep running, a rollback is never held.", optionalApp: true);
        command.SetAction((r, _) => CommandFailures.Catch(() => ChangePauseAsync(kube.Resolve(r), r.GetValue(system)!, r.GetValue(app), pause: true)));
        return command;
    }

    public static Command Resume()
    {
        var (command, kube, system, app) = Common("resume",
            "Let APP (or every application) move on from where it was paused.", optionalApp: true);
        command.SetAction((r, _) => CommandFailures.Catch(() => ChangePauseAsync(kube.Resolve(r), r.GetValue(system)!, r.GetValue(app), pause: false)));
        return command;
    }

    /// <summary>Reads the list, changes it, writes it guarded by the resourceVersion it read; again on a conflict.</summary>
    private static async Task<int> ChangePauseAsync(KubeTarget target, string name, string? application, bool pause)
    {
        using var client = target.Client();
        for (var attempt = 1; ; attempt++)
        {
            var s = await SystemLookup.ReadAsync(client, target, name);
            var app = application is null ? null : SystemLookup.Application(s, application);
            var current = s.Annotations.TryGetValue(ManualControls.PauseAnnotation, out var v) ? v : null;
            var change = pause ? PauseList.Pause(current, app) : PauseList.Resume(current, app, s.ApplicationNames);
            if (!change.Changes)
            {
                Console.Out.WriteLine($"System {s.Namespace}/{s.Name}: {change.Summary}; nothing changed.");
                return 0;
            }
            var notes = new Dictionary<string, string?> { [ManualControls.PauseAnnotation] = change.Value };
            try
            {
                await AnnotateAsync(client, target, s, notes, s.ResourceVersion);
            }
            catch (PortException e) when (e.Kind == PortErrorKind.Conflict && attempt < ConflictRetries)
            {
                continue;
            }
            var scope = app is null ? "every application" : app;
            var what = pause
                ? $"The operator will hold {scope} at {Steps(s, app)}; checks keep running and a rollback is never held. " +
                  $"Undo with: hotswap resume {s.Name}{(app is null ? "" : $" {app}")} -n {s.Namespace}"
                : $"The operator will let {scope} move on from {Steps(s, app)}.";
            Console.Out.WriteLine($"System {s.Namespace}/{s.Name}: {change.Summary} ({Pairs(notes)}). {what}");
            return 0;
        }
    }

    private static (Command Command, KubeconfigOptions Kube, Argument<string> System, Argument<string?> App) Common(
        string name, string description, bool optionalApp)
    {
        var kube = new KubeconfigOptions();
        var system = new Argument<string>("SYSTEM") { Description = "The System's name" };
        var app = new Argument<string?>("APP")
        {
            Description = optionalApp ? "An application of the System (default: every application)" : "An application of the System",
            Arity = optionalApp ? ArgumentArity.ZeroOrOne : ArgumentArity.ExactlyOne,
        };
        var command = new Command(name, description) { system, app };
        kube.AddTo(command);
        return (command, kube, system, app);
    }

    /// <summary>The named application (checked against the System), or all of them.</summary>
    private static List<string> Chosen(StoredSystem s, string? application) =>
        application is null ? [.. s.ApplicationNames] : [SystemLookup.Application(s, application)];

    /// <summary>
    /// Now, or just after the newest request the application already handled: a request no newer
    /// than that is history to the planner, and another person's clock may be ahead of this one.
    /// </summary>
    public static DateTimeOffset RequestTime(DateTimeOffset now, DateTimeOffset? handledAt) =>
        handledAt is { } h && h >= now ? h.ToUniversalTime() + TimeSpan.FromMilliseconds(1) : now.ToUniversalTime();

    private static DateTimeOffset At(StoredSystem s, string application) =>
        RequestTime(DateTimeOffset.UtcNow, s.RequestsHandledAt.TryGetValue(application, out var h) ? h : null);

    /// <summary>A JSON merge patch of just these annotation keys (null removes one); with a resourceVersion, a guarded one.</summary>
    private static Task AnnotateAsync(
        IKubernetes client, KubeTarget target, StoredSystem s, IReadOnlyDictionary<string, string?> annotations, string? resourceVersion)
    {
        var notes = new JsonObject();
        foreach (var (k, v) in annotations.OrderBy(kv => kv.Key, StringComparer.Ordinal)) notes[k] = v;
        var metadata = new JsonObject { ["annotations"] = notes };
        if (resourceVersion is not null) metadata["resourceVersion"] = resourceVersion;
        var patch = new JsonObject { ["metadata"] = metadata };
        return ApiCall.Run(target, $"annotate System {s.Namespace}/{s.Name}", () =>
            client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch),
                HotswapKinds.Group, HotswapKinds.Version, s.Namespace, HotswapKinds.Systems, s.Name));
    }

    private static string Pairs(IReadOnlyDictionary<string, string?> notes) =>
        string.Join(", ", notes.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => kv.Value is null ? $"annotation {kv.Key} removed" : $"annotation {kv.Key}={kv.Value}"));

    /// <summary>"api: Synced, backgroundjobs: Synced".</summary>
    private static string Phases(StoredSystem s, IEnumerable<string> apps) =>
        string.Join(", ", apps.Select(a => $"{a}: {s.Application(a)?.Phase.ToString() ?? "no status yet"}"));

    private static string Possessive(IReadOnlyList<string> apps) => apps.Count == 1 ? $"{apps[0]}'s" : "their";

    private static string Where(StoredSystem s, string app) =>
        s.Application(app) is { } a ? $"{app}: {a.Phase}, step {a.Step}/{a.Steps}" : app;

    private static string Steps(StoredSystem s, string? app) =>
        app is null ? "their current steps" : s.Application(app) is { } a ? $"its current step ({a.Step}/{a.Steps})" : "its current step";

    private static string AfterFailure(RollbackPolicy rollback) => rollback.Mode == RollbackMode.Halt
        ? "halt there (spec.rollback.policy: Halt) until a person retries or changes the spec"
        : "start rolling back to the saved revision at once (a person decided: spec.rollback.delay is not waited)";
}
