using System.Globalization;
using Hotswap.Core.Controls;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Tests.Planning;

/// <summary>
/// Manual controls on the half-migrated reference System: web is Migrating at step 3/10 (its
/// step began 10:04:11; its checks pass at 10:05:11), api and backgroundjobs are Synced.
/// </summary>
public sealed class ManualRequestsTests
{
    private static readonly DateTimeOffset Waiting = At("2026-11-24T10:04:30Z");
    private static readonly DateTimeOffset Passing = At("2026-11-24T10:05:16Z");

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static SystemSpec Spec(RollbackMode mode = RollbackMode.Rollback)
    {
        var spec = SystemManifest.Parse(RepoFiles.Read("examples", "mysystem-v2.yaml")).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        return spec with { Rollback = spec.Rollback with { Mode = mode } };
    }

    private static World HalfMigrated(params (string Key, string Value)[] annotations) => HalfMigratedAt(Waiting, annotations);

    private static World HalfMigratedAt(DateTimeOffset now, params (string Key, string Value)[] annotations)
    {
        var world = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"))
            .Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        // As it stood at now: later measurements are not taken yet.
        var checks = world.Checks.Map(o => o with
        {
            Status = o.Status with
            {
                Results = o.Status.Results.Filter(m => m.Time <= now),
                LastRunTime = o.Status.Results.Filter(m => m.Time <= now).LastOrNone().Map(m => m.Time),
            },
        });
        return world with { Checks = checks, Controls = ManualControls.FromAnnotations(toMap(annotations)) };
    }

    private static SystemPlan Plan(World world, DateTimeOffset now, RollbackMode mode = RollbackMode.Rollback) =>
        Reconciliation.Plan(Spec(mode), world, now);

    private static ApplicationStatus App(SystemPlan plan, string name) =>
        plan.System.Status.Application(name).IfNone(() => throw new Xunit.Sdk.XunitException($"no status for {name}"));

    private static Seq<Command.SetForwardWeights> Weights(SystemPlan plan, string app) =>
        plan.System.Commands.Choose(c => c is Command.SetForwardWeights w && w.Application == app ? Some(w) : None);

    private static string Abort(string app) => ManualControls.AbortPrefix + app;

    [Fact]
    public void Without_a_request_web_waits_for_its_checks_at_step_3()
    {
        var plan = Plan(HalfMigrated(), Waiting);
        Assert.Equal((ApplicationPhase.Migrating, 3), (App(plan, "web").Phase, App(plan, "web").Step));
        Assert.Empty(Weights(plan, "web"));
        Assert.Empty(plan.System.Notices);
    }

    [Fact]
    public void Abort_fails_a_moving_application_and_starts_its_rollback_at_once()
    {
        var plan = Plan(HalfMigrated((Abort("web"), "2026-11-24T10:04:20Z")), Waiting);

        var web = App(plan, "web");
        Assert.Equal(ApplicationPhase.Reverting, web.Phase);
        Assert.Equal(Some(Waiting), web.FailedAt);
        Assert.Equal(Some(At("2026-11-24T10:04:20Z")), web.RequestsHandledAt);
        var restore = Assert.Single(Weights(plan, "web"));
        Assert.Equal(100, restore.Forward.TargetGroups.Filter(t => t.Arn.Contains("-v1/", StringComparison.Ordinal)).Sum(t => t.Weight));
        var notice = Assert.Single(plan.System.Notices);
        Assert.Equal(("Aborted", false), (notice.Reason, notice.Warning));
        Assert.Contains("web aborted by request at step 3/10; rolling back to revision", notice.Note);
    }

    [Fact]
    public void Abort_under_Halt_stops_where_it_is()
    {
        var plan = Plan(HalfMigrated((Abort("web"), "2026-11-24T10:04:20Z")), Waiting, RollbackMode.Halt);

        var web = App(plan, "web");
        Assert.Equal(ApplicationPhase.CheckFailed, web.Phase);
        Assert.Contains("Halted", web.Message);
        Assert.Empty(Weights(plan, "web"));
    }

    [Fact]
    public void A_request_that_cannot_apply_is_handled_and_said_so_and_never_touches_a_later_migration()
    {
        var plan = Plan(HalfMigrated((Abort("api"), "2026-11-24T10:04:20Z")), Waiting);

        var api = App(plan, "api");
        Assert.Equal(ApplicationPhase.Synced, api.Phase);
        Assert.Equal(Some(At("2026-11-24T10:04:20Z")), api.RequestsHandledAt);
        var notice = Assert.Single(plan.System.Notices);
        Assert.Equal("RequestIgnored", notice.Reason);
        Assert.True(notice.Warning);
        Assert.Contains("abort of api ignored: api is Synced, not migrating", notice.Note);

        // Recorded as handled, the same request is history on the next reconcile.
        var recorded = HalfMigrated((Abort("api"), "2026-11-24T10:04:20Z"));
        recorded = recorded with { SystemStatus = Some(plan.System.Status) };
        var next = Plan(recorded, Waiting.AddSeconds(5));
        Assert.DoesNotContain(next.System.Notices, n => n.Note.Contains("api", StringComparison.Ordinal));
        Assert.Equal(Some(At("2026-11-24T10:04:20Z")), App(next, "api").RequestsHandledAt);
    }

    [Fact]
    public void A_request_no_newer_than_the_last_handled_one_is_history()
    {
        var world = HalfMigrated((Abort("web"), "2026-11-24T10:04:20Z"));
        var handled = world.SystemStatus.Map(s => s with
        {
            Applications = s.Applications.Map(a => a.Name == "web" ? a with { RequestsHandledAt = Some(At("2026-11-24T10:04:20Z")) } : a),
        });
        var plan = Plan(world with { SystemStatus = handled }, Waiting);
        Assert.Equal(ApplicationPhase.Migrating, App(plan, "web").Phase);
        Assert.Empty(plan.System.Notices);
    }

    [Theory]
    [InlineData("3@2026-11-24T10:04:20Z", true)]
    [InlineData("full@2026-11-24T10:04:20Z", true)]
    [InlineData("2@2026-11-24T10:04:20Z", false)]
    [InlineData("4@2026-11-24T10:04:20Z", false)]
    public void Promote_skips_the_checks_wait_only_at_the_step_it_names(string value, bool moves)
    {
        var plan = Plan(HalfMigrated((ManualControls.PromotePrefix + "web", value)), Waiting);

        Assert.Equal(moves, !Weights(plan, "web").IsEmpty);
        Assert.Equal(moves ? 4 : 3, App(plan, "web").Step);
        Assert.Equal(moves ? "Promoted" : "RequestIgnored", Assert.Single(plan.System.Notices).Reason);
        Assert.Equal(value.StartsWith("full", StringComparison.Ordinal), App(plan, "web").PromotedFully);
    }

    [Fact]
    public void A_full_promotion_lasts_for_the_rest_of_the_migration()
    {
        var first = Plan(HalfMigrated((ManualControls.PromotePrefix + "web", "full@2026-11-24T10:04:20Z")), Waiting);
        Assert.True(App(first, "web").PromotedFully);
        // Recorded, and the rule now at step 4: the next reconcile skips step 4's wait too.
        var world = HalfMigrated((ManualControls.PromotePrefix + "web", "full@2026-11-24T10:04:20Z"));
        var step4 = Weights(first, "web").Head;
        world = world with
        {
            SystemStatus = Some(first.System.Status),
            Rules = world.Rules.SetItem(step4.Rule, world.Rules[step4.Rule] with { Forward = step4.Forward }),
        };
        var second = Plan(world, Waiting.AddSeconds(1));
        Assert.Equal(5, App(second, "web").Step);
        Assert.Empty(second.System.Notices);
    }

    [Fact]
    public void A_failing_check_still_fails_a_promoted_step()
    {
        var world = HalfMigrated((ManualControls.PromotePrefix + "web", "full@2026-11-24T10:04:20Z"));
        var failing = world.Checks.Map(o => o.Spec.Application == "web"
            ? o with
            {
                Status = o.Status with
                {
                    Results = o.Status.Results.Add(new Children.Measurement(At("2026-11-24T10:04:25Z"), Some(1.0),
                        Children.MeasurementOutcome.Failed, "1 is above max")),
                },
            }
            : o);
        var plan = Plan(world with { Checks = failing }, Waiting);
        Assert.Equal(ApplicationPhase.CheckFailed, App(plan, "web").Phase);
        Assert.Empty(Weights(plan, "web"));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("*")]
    public void A_paused_application_holds_its_step_with_checks_running(string paused)
    {
        var plan = Plan(HalfMigratedAt(Passing, (ManualControls.PauseAnnotation, paused)), Passing);

        var web = App(plan, "web");
        Assert.Empty(Weights(plan, "web"));
        Assert.Equal((ApplicationPhase.Migrating, 3, "resume"), (web.Phase, web.Step, web.WaitingFor));
        Assert.Equal(Some(At("2026-11-24T10:04:11Z")), web.StepStartedAt);
        Assert.Contains("paused at step 3/10 (hotswap resume to go on); next: step 4/10", web.Message);
        Assert.All(plan.System.Commands.Choose(c => c is Command.ApplyCheck a ? Some(a.Spec) : None).Filter(s => s.Application == "web"),
            s => Assert.False(s.Suspended));
    }

    [Fact]
    public void Pause_never_holds_a_rollback()
    {
        var plan = Plan(HalfMigrated((ManualControls.PauseAnnotation, "web"), (Abort("web"), "2026-11-24T10:04:20Z")), Waiting);
        Assert.Equal(ApplicationPhase.Reverting, App(plan, "web").Phase);
        Assert.Single(Weights(plan, "web"));
    }

    [Fact]
    public void Retry_of_a_migrating_application_is_ignored()
    {
        var plan = Plan(HalfMigrated((ManualControls.RetryPrefix + "web", "2026-11-24T10:04:20Z")), Waiting);
        Assert.Equal(ApplicationPhase.Migrating, App(plan, "web").Phase);
        Assert.Contains("retry of web ignored: web is Migrating", Assert.Single(plan.System.Notices).Note);
    }

    [Fact]
    public void The_latest_request_decides_and_earlier_ones_are_superseded()
    {
        var plan = Plan(HalfMigrated(
            (Abort("web"), "2026-11-24T10:04:20Z"),
            (ManualControls.PromotePrefix + "web", "3@2026-11-24T10:04:25Z")), Waiting);

        Assert.Equal(4, App(plan, "web").Step);
        Assert.Equal(Seq("RequestIgnored", "Promoted"), plan.System.Notices.Map(n => n.Reason));
        Assert.Contains("abort of web superseded by a later promote", plan.System.Notices.Head.Note);
        Assert.Equal(Some(At("2026-11-24T10:04:25Z")), App(plan, "web").RequestsHandledAt);
    }

    [Fact]
    public void A_malformed_control_annotation_is_reported_in_a_condition_and_ignored()
    {
        var plan = Plan(HalfMigrated((Abort("web"), "yesterday")), Waiting);
        Assert.Equal(ApplicationPhase.Migrating, App(plan, "web").Phase);
        var condition = Assert.Single(plan.System.Status.Conditions, c => c.Type == "ControlsValid");
        Assert.Equal(("False", "MalformedAnnotation"), (condition.Status, condition.Reason));
        Assert.Contains("abort.hotswap.mumoshu.github.io/web: \"yesterday\" is not an RFC 3339 time", condition.Message);
    }
}
