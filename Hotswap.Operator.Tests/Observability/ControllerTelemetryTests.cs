using System.Text.Json;
using Hotswap.Core.Children;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects;
using Hotswap.Effects.Ports;
using Hotswap.Operator.Cli;
using Hotswap.Operator.Hosting;
using Hotswap.Operator.Observability;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Tests.Observability;

/// <summary>
/// What the observer makes of the controller's reports: /metrics text (weights per target group,
/// one-hot phases, migrations and rollbacks by outcome, reconciles by kind and result) and log
/// lines in the Kubernetes style, one per command in a dry run.
/// </summary>
public sealed class ControllerTelemetryTests
{
    private readonly OperatorMetrics metrics = new(processMetrics: false);
    private readonly StringWriter logs = new();
    private readonly ControllerTelemetry telemetry;

    public ControllerTelemetryTests()
    {
        var provider = new LineLoggerProvider(logs, LogFormat.Json, LogLevel.Information);
        telemetry = new ControllerTelemetry(metrics, provider.CreateLogger("controller"));
    }

    private string Text()
    {
        using var buffer = new MemoryStream();
        metrics.WriteAsync(buffer, CancellationToken.None).GetAwaiter().GetResult();
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private List<Dictionary<string, string>> Lines() =>
        [.. logs.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonSerializer.Deserialize<Dictionary<string, string>>(l)!)];

    private static readonly ObjectKey MySystem = ObjectKey.System("mysystem");

    private void Reconciled(SystemStatus status, params Outcome[] outcomes) =>
        telemetry.Reconciled("team-a", MySystem, Some.Report(MySystem, status, outcomes), TimeSpan.FromMilliseconds(40));

    private const string Labels = "namespace=\"team-a\",system=\"mysystem\",application=\"web\"";

    [Fact]
    public void Weights_are_shown_per_target_group_and_one_that_left_the_forward_config_disappears()
    {
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.Migrating, 3, (Some.V1, 70), (Some.V2, 30))));
        var atStep3 = Text();
        Reconciled(Some.System(SystemPhase.Completing, Some.Web(ApplicationPhase.Completing, 10, (Some.V2, 100))));
        var atEnd = Text();

        Assert.Contains($"hotswap_application_weight{{{Labels},target_group=\"{Some.V1}\"}} 70\n", atStep3);
        Assert.Contains($"hotswap_application_weight{{{Labels},target_group=\"{Some.V2}\"}} 30\n", atStep3);
        Assert.Contains($"hotswap_application_weight{{{Labels},target_group=\"{Some.V2}\"}} 100\n", atEnd);
        Assert.DoesNotContain(Some.V1, atEnd);
    }

    [Fact]
    public void Phases_are_one_hot_and_reconciles_count_by_kind_and_result()
    {
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.Migrating, 3)));
        telemetry.ReconcileCrashed("team-a", ObjectKey.Check("mysystem-web-error-rate"), new InvalidOperationException("bug"), TimeSpan.FromSeconds(1));
        var text = Text();

        Assert.Contains($"hotswap_application_phase{{{Labels},phase=\"Migrating\"}} 1\n", text);
        Assert.Contains($"hotswap_application_phase{{{Labels},phase=\"Synced\"}} 0\n", text);
        Assert.Equal(Enum.GetNames<ApplicationPhase>().Length, text.Split('\n').Count(l => l.StartsWith("hotswap_application_phase{")));
        Assert.Contains("hotswap_system_phase{namespace=\"team-a\",system=\"mysystem\",phase=\"Migrating\"} 1\n", text);
        Assert.Contains("hotswap_reconciles_total{kind=\"System\",result=\"success\"} 1\n", text);
        Assert.Contains("hotswap_reconciles_total{kind=\"Check\",result=\"crashed\"} 1\n", text);
        Assert.Contains("hotswap_reconcile_duration_seconds_count{kind=\"System\"} 1\n", text);
    }

    [Fact]
    public void Migrations_and_rollbacks_are_counted_by_outcome_from_phase_changes_seen()
    {
        Reconciled(Some.System(SystemPhase.Synced, Some.Web(ApplicationPhase.Synced, 0)));
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.Migrating, 1)));
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.CheckFailed, 3)));
        Reconciled(Some.System(SystemPhase.Reverting, Some.Web(ApplicationPhase.Reverting, 3)));
        Reconciled(Some.System(SystemPhase.Reverted, Some.Web(ApplicationPhase.Reverted, 0)));
        var text = Text();

        Assert.Contains($"hotswap_migrations_total{{{Labels},outcome=\"started\"}} 1\n", text);
        Assert.Contains($"hotswap_migrations_total{{{Labels},outcome=\"failed\"}} 1\n", text);
        Assert.Contains($"hotswap_rollbacks_total{{{Labels},outcome=\"started\"}} 1\n", text);
        Assert.Contains($"hotswap_rollbacks_total{{{Labels},outcome=\"succeeded\"}} 1\n", text);
        Assert.DoesNotContain("outcome=\"succeeded\"} 1\n" + "hotswap_migrations", text);
    }

    [Fact]
    public void A_deleted_System_loses_its_series()
    {
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.Migrating, 3, (Some.V1, 70), (Some.V2, 30))));
        telemetry.Reconciled("team-a", MySystem, ObjectReport.Gone(MySystem, Some.Now), TimeSpan.Zero);
        var text = Text();

        Assert.DoesNotContain("hotswap_application_weight{", text);
        Assert.DoesNotContain("hotswap_application_phase{", text);
        Assert.DoesNotContain("hotswap_system_phase{", text);
    }

    [Fact]
    public void A_reconcile_that_wrote_is_logged_with_the_object_phase_and_step_and_each_command()
    {
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.Migrating, 3, (Some.V1, 70), (Some.V2, 30))), Some.SetWeights(70, 30));
        Reconciled(Some.System(SystemPhase.Migrating, Some.Web(ApplicationPhase.Migrating, 4, (Some.V1, 60), (Some.V2, 40))), Some.SetWeights(60, 40));

        var lines = Lines();

        Assert.Equal(["Executed command", "Reconciled System", "Executed command", "Moved application to step", "Reconciled System"],
            lines.Select(l => l["msg"]));
        var reconciled = lines[1];
        Assert.Equal("info", reconciled["level"]);
        Assert.Equal("controller", reconciled["logger"]);
        Assert.Equal("team-a/mysystem", reconciled["system"]);
        Assert.Equal("Migrating", reconciled["phase"]);
        Assert.Equal("3/10", reconciled["step"]);
        Assert.Equal("1", reconciled["commands"]);
        Assert.Equal("set-weights", lines[0]["action"]);
        Assert.Equal($"rule/{Some.Rule}", lines[0]["target"]);
        Assert.Equal("web-v1=60, web-v2=40", lines[3]["weights"]);
        Assert.Equal("4/10", lines[3]["step"]);
    }

    [Fact]
    public void A_quiet_reconcile_is_not_logged_at_info_and_a_failed_command_is_a_warning()
    {
        var synced = Some.System(SystemPhase.Synced, Some.Web(ApplicationPhase.Synced, 10, (Some.V2, 100)));
        Reconciled(synced);
        Reconciled(synced);
        var failed = Outcome.Failed(Some.SetWeights(60, 40).Command, Some(PortErrorKind.Throttled), "Rate exceeded");
        Reconciled(synced, failed);

        var lines = Lines();

        Assert.Equal(["Command failed", "Reconciled System"], lines.Select(l => l["msg"]));
        Assert.Equal("warn", lines[0]["level"]);
        Assert.Equal("Throttled", lines[0]["code"]);
        Assert.Equal("Rate exceeded", lines[0]["error"]);
    }

    [Fact]
    public void A_new_measurement_sets_the_check_value_and_counts_its_outcome()
    {
        var key = ObjectKey.Check("mysystem-web-error-rate");
        CheckStatus At(int minute, double value, MeasurementOutcome outcome) => CheckStatus.Initial with
        {
            LastRunTime = Some.Now.AddMinutes(minute),
            Results = Seq1(new Measurement(Some.Now.AddMinutes(minute), value, outcome, $"error-rate {value}")),
        };
        telemetry.Reconciled("team-a", key, Some.Report(key, At(0, 0.01, MeasurementOutcome.Passed)), TimeSpan.Zero);
        telemetry.Reconciled("team-a", key, Some.Report(key, At(1, 0.2, MeasurementOutcome.Failed)), TimeSpan.Zero);
        telemetry.Reconciled("team-a", key, Some.Report(key, At(1, 0.2, MeasurementOutcome.Failed)), TimeSpan.Zero);
        var text = Text();

        Assert.Contains("hotswap_check_value{namespace=\"team-a\",check=\"mysystem-web-error-rate\"} 0.2\n", text);
        Assert.Contains("hotswap_check_measurements_total{namespace=\"team-a\",check=\"mysystem-web-error-rate\",outcome=\"Failed\"} 1\n", text);
        Assert.Single(Lines(), l => l["msg"] == "Measured check" && l["outcome"] == "Failed" && l["value"] == "0.2");
    }

    [Fact]
    public void A_dry_run_logs_one_line_per_command_it_would_have_run()
    {
        var spec = Inputs.System(new FileInfo(RepoFiles.PathOf("examples", "mysystem-v2.yaml"))).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var world = Inputs.World(new FileInfo(RepoFiles.PathOf("examples", "worlds", "mysystem-half-migrated.yaml"))).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var plan = Reconciliation.Plan(spec, world, DateTimeOffset.Parse("2026-11-24T10:05:06Z", System.Globalization.CultureInfo.InvariantCulture));

        telemetry.Planned("team-a", "mysystem", plan);
        var planned = Lines().Where(l => l["msg"] == "Planned command").ToList();

        Assert.NotEmpty(plan.AllCommands);
        Assert.Equal(plan.AllCommands.Map(c => (c.Action, c.Target)).ToList(), planned.Select(l => (l["action"], l["target"])).ToList());
        Assert.All(planned, l => Assert.Equal("true", l["dryRun"]));
        Assert.Contains($"hotswap_dry_run_commands_total{{action=\"set-weights\"}}", Text());
    }
}
