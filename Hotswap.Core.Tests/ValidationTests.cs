using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using Hotswap.Core.Validation;

namespace Hotswap.Core.Tests;

public class ValidationTests
{
    /// <summary>One broken System per rule: the rule that must catch it, and what it must say.</summary>
    sealed record Case(
        Func<SystemSpec, Validation<SpecError, Unit>> Rule,
        SystemSpec Spec,
        string Code,
        string Path,
        string Fragment);

    static readonly Dictionary<string, Case> Cases = new()
    {
        ["a cluster name that is not a DNS-1123 label"] = new(SystemValidation.NamesAreDns1123Labels,
            Some.System.WithCluster(0, c => c with { Name = "Web_1" }),
            "invalid-name", "spec.clusters[0].name", "cluster name \"Web_1\" must be a DNS-1123 label"),
        ["a System name longer than 63 characters"] = new(SystemValidation.NamesAreDns1123Labels,
            Some.System with { Name = new string('s', 64) },
            "invalid-name", "metadata.name", "System name"),
        ["a check name with a dot"] = new(SystemValidation.NamesAreDns1123Labels,
            Some.System.WithApp(0, a => a with { Checks = Seq1(Some.ErrorRate with { Name = "error.rate" }) }),
            "invalid-name", "spec.applications[0].checks[0].name", "check name \"error.rate\""),
        ["two clusters with one name"] = new(SystemValidation.ClusterNamesAreUnique,
            Some.System.WithCluster(1, c => c with { Name = "web-1" }),
            "duplicate-name", "spec.clusters[1].name", "first at spec.clusters[0].name"),
        ["two applications with one name"] = new(SystemValidation.ApplicationNamesAreUnique,
            Some.System.WithApp(1, a => a with { Name = "web" }),
            "duplicate-name", "spec.applications[1].name", "application name \"web\" is used more than once"),
        ["a precheck named like a check"] = new(SystemValidation.CheckNamesAreUniquePerApplication,
            Some.System.WithApp(0, a => a with { Prechecks = Seq1(Some.Smoke with { Name = "error-rate" }) }),
            "duplicate-name", "spec.applications[0].prechecks[0].name", "checks, prechecks and postchecks share names"),
        ["an empty clusterSelector with three clusters"] = new(SystemValidation.ClusterSelectorIsSetWhenSeveralClusters,
            Some.System.WithApp(1, a => a with { ClusterSelector = Map<string, string>() }),
            "selector-required", "spec.applications[1].clusterSelector",
            "application \"api\": clusterSelector is required when the System has 2 or more clusters (web-1, web-2, api-1)"),
        ["a clusterSelector that matches no cluster"] = new(SystemValidation.ClusterSelectorMatchesSomeCluster,
            Some.System.WithApp(1, a => a with { ClusterSelector = Map(("role", "apii")) }),
            "selector-matches-nothing", "spec.applications[1].clusterSelector", "role=apii matches no cluster; known labels: role=api, role=web"),
        ["a shared target group arn with two clusters"] = new(SystemValidation.SharedTargetGroupServesOneCluster,
            Some.System.WithAlb(0, b => b with { TargetGroup = new TargetGroupSource.SharedArn(Some.TargetGroupArn("web")) }),
            "shared-arn-needs-one-cluster", "spec.applications[0].alb.forwardConfig.targetGroup.arn",
            "application \"web\": alb.forwardConfig.targetGroup.arn cannot be used when clusterSelector matches 2 clusters (web-1, web-2)"),
        ["arnFromLabel naming a label a cluster lacks"] = new(SystemValidation.TargetGroupLabelsHoldArns,
            Some.System.WithCluster(1, c => c with { Labels = c.Labels.Remove("targetGroupARN") }),
            "missing-target-group-label", "spec.applications[0].alb.forwardConfig.targetGroup.arnFromLabel",
            "cluster \"web-2\" has no label \"targetGroupARN\""),
        ["arnFromLabel holding something that is not a target group ARN"] = new(SystemValidation.TargetGroupLabelsHoldArns,
            Some.System.WithCluster(0, c => c with { Labels = c.Labels.SetItem("targetGroupARN", "web-1-tg") }),
            "invalid-arn", "spec.clusters[0].labels", "label \"targetGroupARN\" (arnFromLabel of application \"web\") is \"web-1-tg\""),
        ["a listenerARN that is a load balancer ARN"] = new(SystemValidation.ArnsAreWellFormed,
            Some.System.WithAlb(1, b => b with { ListenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/mysystem/50dc6c495c0c9188" }),
            "invalid-arn", "spec.applications[1].alb.listenerARN", "is not an ALB listener ARN"),
        ["DeleteBeforeCreate together with alb"] = new(SystemValidation.DeleteBeforeCreateHasNoAlb,
            Some.System.WithApp(1, a => a with { ArgoCd = a.ArgoCd with { UpdateStrategy = UpdateStrategyType.DeleteBeforeCreate } }),
            "delete-before-create-with-alb", "spec.applications[1].argocd.updateStrategy.type", "DeleteBeforeCreate cannot be used with alb"),
        ["a totalWeight above 999"] = new(SystemValidation.WeightsAreInRange,
            Some.System.WithAlb(0, b => b with { TotalWeight = 1000 }),
            "weight-out-of-range", "spec.applications[0].alb.updateStrategy.totalWeight", "between 1 and 999, got 1000"),
        ["a stepWeight of 0"] = new(SystemValidation.WeightsAreInRange,
            Some.System.WithAlb(0, b => b with { StepWeight = 0 }),
            "weight-out-of-range", "spec.applications[0].alb.updateStrategy.stepWeight", "must be between 1 and totalWeight (100), got 0"),
        ["a stepWeight above totalWeight"] = new(SystemValidation.WeightsAreInRange,
            Some.System.WithAlb(1, b => b with { StepWeight = 101 }),
            "weight-out-of-range", "spec.applications[1].alb.updateStrategy.stepWeight", "got 101"),
        ["six web clusters behind one forward action"] = new(SystemValidation.TargetGroupsFitInForwardAction,
            Some.System.WithExtraClusters(4, "web"),
            "too-many-target-groups", "spec.applications[0].alb.forwardConfig.targetGroup", "matches 6 clusters"),
        ["a listener rule priority of 0"] = new(SystemValidation.PriorityIsInRange,
            Some.System.WithAlb(0, b => b with { Priority = 0 }),
            "priority-out-of-range", "spec.applications[0].alb.forwardConfig.priority", "between 1 and 50000, got 0"),
        // Issue 9 item 8: two applications writing one forward action undo each other's weights.
        ["two applications owning the same listener rule"] = new(SystemValidation.ListenerRulesHaveOneOwner,
            Some.System.WithAlb(1, b => b with { Priority = 10 }),
            "rule-owned-twice", "spec.applications[1].alb.forwardConfig.priority",
            "the listener rule with priority 10 on arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2 is already owned by application \"web\""),
        ["an empty query"] = new(SystemValidation.QueriesAreWellFormed,
            Some.System.WithAnalysis(0, a => a with { Query = "  " }),
            "empty-query", "spec.applications[0].checks[0].analysis.query", "analysis.query is required"),
        ["a misspelt template variable"] = new(SystemValidation.QueriesAreWellFormed,
            Some.System.WithAnalysis(0, a => a with { Query = "x{cluster:{{.Vars.clustername}}}" }),
            "unknown-template-variable", "spec.applications[0].checks[0].analysis.query",
            "unknown variable {{.Vars.clustername}}; did you mean \"clusterName\"? (known: systemName, applicationName, clusterName"),
        ["an unclosed placeholder"] = new(SystemValidation.QueriesAreWellFormed,
            Some.System.WithAnalysis(0, a => a with { Query = "x{cluster:{{.Vars.clusterName}" }),
            "malformed-template", "spec.applications[0].checks[0].analysis.query", "is never closed"),
        ["albListenerARN in an application without alb"] = new(SystemValidation.QueriesAreWellFormed,
            Some.System.WithApp(0, a => a with { Alb = None }).WithAnalysis(0, a => a with { Query = "x{lb:{{.Vars.albListenerARN}}}" }),
            "template-variable-needs-alb", "spec.applications[0].checks[0].analysis.query", "has no value because the application has no alb"),
        ["a check without bounds"] = new(SystemValidation.AnalysisBoundsAreSound,
            Some.System.WithAnalysis(0, a => a with { Max = None }),
            "missing-bound", "spec.applications[0].checks[0].analysis", "set min, max or both"),
        ["min above max"] = new(SystemValidation.AnalysisBoundsAreSound,
            Some.System.WithAnalysis(0, a => a with { Min = Some(0.5) }),
            "min-greater-than-max", "spec.applications[0].checks[0].analysis.min", "min (0.5) is greater than max (0.01)"),
        ["a zero interval"] = new(SystemValidation.AnalysisTimingIsSound,
            Some.System.WithAnalysis(0, a => a with { Interval = TimeSpan.Zero }),
            "interval-not-positive", "spec.applications[0].checks[0].analysis.interval", "interval must be greater than 0"),
        ["a negative failureLimit"] = new(SystemValidation.AnalysisTimingIsSound,
            Some.System.WithAnalysis(0, a => a with { FailureLimit = -1 }),
            "limit-negative", "spec.applications[0].checks[0].analysis.failureLimit", "failureLimit must be 0 or more, got -1"),
        ["a negative inconclusiveLimit"] = new(SystemValidation.AnalysisTimingIsSound,
            Some.System.WithAnalysis(0, a => a with { InconclusiveLimit = -2 }),
            "limit-negative", "spec.applications[0].checks[0].analysis.inconclusiveLimit", "got -2"),
        // Issue 9 item 2: a Check keeps 20 results, so a limit of 20 or more could never trip.
        ["an inconclusiveLimit no retained history can reach"] = new(SystemValidation.AnalysisTimingIsSound,
            Some.System.WithAnalysis(0, a => a with { InconclusiveLimit = 25 }),
            "limit-too-high", "spec.applications[0].checks[0].analysis.inconclusiveLimit", "inconclusiveLimit must be at most 19, got 25"),
        ["a failureLimit of exactly the retained results"] = new(SystemValidation.AnalysisTimingIsSound,
            Some.System.WithAnalysis(0, a => a with { FailureLimit = 20 }),
            "limit-too-high", "spec.applications[0].checks[0].analysis.failureLimit", "failureLimit must be at most 19, got 20"),
        ["a postcheck with an empty job template"] = new(SystemValidation.JobTemplatesAreNotEmpty,
            Some.System.WithApp(1, a => a with { Postchecks = Seq1(Some.Smoke with { TemplateJson = "{}" }) }),
            "empty-job-template", "spec.applications[1].postchecks[0].job.template", "postcheck \"smoke\": job.template is required"),
        ["two membership sets putting different values on one cluster's label"] = new(SystemValidation.MembershipLabelsDoNotConflict,
            Some.System.WithApp(0, a => a with { ClusterSelector = Map<string, string>() }),
            "label-conflict", "spec.applications[1].argocd.clusterSecret.labels",
            "applications \"web\" and \"api\" both select cluster \"api-1\" but their clusterSecret.labels set \"myservice-role\" to different values (\"web\" vs \"api\")"),
        ["one clusterSecret name with two label sets"] = new(SystemValidation.SharedClusterSecretsAgree,
            Some.System.WithSecret(1, "web-clusters", Map(("myservice-role", "api"))),
            "cluster-secret-mismatch", "spec.applications[1].argocd.clusterSecret.labels",
            "share clusterSecret \"web-clusters\" but with different labels (myservice-role=web vs myservice-role=api)"),
        ["an applicationSet with both name and selector"] = new(SystemValidation.ApplicationSetIsNameOrSelector,
            Some.System.WithApp(1, a => a with { ArgoCd = a.ArgoCd with { ApplicationSet = a.ArgoCd.ApplicationSet with { Name = Some("api") } } }),
            "application-set-ref", "spec.applications[1].argocd.applicationSet", "exactly one of name or selector, got both"),
        ["an applicationSet with neither name nor selector"] = new(SystemValidation.ApplicationSetIsNameOrSelector,
            Some.System.WithApp(0, a => a with { ArgoCd = a.ArgoCd with { ApplicationSet = new ApplicationSetRef(None, Map<string, string>()) } }),
            "application-set-ref", "spec.applications[0].argocd.applicationSet", "got neither"),
        ["an In requirement without values"] = new(SystemValidation.SelectorsAreWellFormed,
            Some.System.WithApp(0, a => a with { ClusterSelector = new LabelSelector(Map(("role", "web")),
                Seq1(new LabelSelectorRequirement("zone", SelectorOperator.In, Seq<string>()))) }),
            "invalid-selector", "spec.applications[0].clusterSelector.matchExpressions[0].values",
            "application \"web\": clusterSelector: values must be non-empty when operator is In (key \"zone\")"),
        ["an Exists requirement with values"] = new(SystemValidation.SelectorsAreWellFormed,
            Some.System.WithApp(1, a => a with { ArgoCd = a.ArgoCd with { ApplicationSet = new ApplicationSetRef(None,
                new LabelSelector(Map<string, string>(), Seq1(new LabelSelectorRequirement("tier", SelectorOperator.Exists, Seq1("x"))))) } }),
            "invalid-selector", "spec.applications[1].argocd.applicationSet.selector.matchExpressions[0].values",
            "values must be empty when operator is Exists (key \"tier\"), got 1"),
        ["an applicationSet selector key Kubernetes would refuse"] = new(SystemValidation.SelectorsAreWellFormed,
            Some.System.WithApp(1, a => a with { ArgoCd = a.ArgoCd with { ApplicationSet = new ApplicationSetRef(None,
                LabelSelector.Labels(("part of", "api"))) } }),
            "invalid-selector", "spec.applications[1].argocd.applicationSet.selector.matchLabels.part of",
            "\"part of\" is not a valid label key"),
        ["an empty targetGroupBindingSelector"] = new(SystemValidation.SelectorsAreWellFormed,
            Some.System.WithAlb(0, b => b with { TargetGroup = new TargetGroupSource.FromBindingSelector(LabelSelector.Everything) }),
            "empty-selector", "spec.applications[0].alb.forwardConfig.targetGroup.targetGroupBindingSelector",
            "targetGroupBindingSelector is empty and would match every TargetGroupBinding in the cluster"),
        ["a zero readyTimeout"] = new(SystemValidation.ReadyTimeoutsArePositive,
            Some.System.WithCluster(2, c => c with { ReadyTimeout = Some(TimeSpan.Zero) }),
            "ready-timeout-not-positive", "spec.clusters[2].readyTimeout", "cluster \"api-1\": readyTimeout must be greater than 0"),
        ["a negative rollback delay"] = new(SystemValidation.RollbackDelayIsNotNegative,
            Some.System with { Rollback = RollbackPolicy.Default with { Delay = TimeSpan.FromSeconds(-1) } },
            "rollback-delay-negative", "spec.rollback.delay", "rollback delay must be 0 or more"),
    };

    public static TheoryData<string> RuleCases => new(Cases.Keys);

    [Fact]
    public void The_reference_System_passes_every_rule()
    {
        var result = SystemValidation.Validate(Some.System);
        Assert.True(result.IsSuccess, string.Join("\n", result.FailToSeq()));
    }

    [Theory, MemberData(nameof(RuleCases))]
    public void The_rule_reports(string name)
    {
        var c = Cases[name];
        var errors = c.Rule(c.Spec).FailToSeq();
        var error = Assert.Single(errors);
        Assert.Equal(c.Code, error.Code);
        Assert.Equal(c.Path, error.Path);
        Assert.Contains(c.Fragment, error.Message);
    }

    [Theory, MemberData(nameof(RuleCases))]
    public void Validate_reports_what_the_rule_reports(string name)
    {
        var c = Cases[name];
        var errors = SystemValidation.Validate(c.Spec).FailToSeq();
        Assert.Contains(errors, e => e.Code == c.Code && e.Path == c.Path && e.Message.Contains(c.Fragment));
    }

    [Fact]
    public void Every_rule_is_run_by_Validate_and_has_a_case()
    {
        var covered = Cases.Values.Select(c => c.Rule.Method.Name).ToHashSet();
        var all = SystemValidation.Rules.Map(r => r.Method.Name).ToHashSet();
        Assert.Empty(all.Except(covered));
    }

    [Fact]
    public void Independent_mistakes_are_all_reported_at_once()
    {
        var spec = Some.System
            .WithAlb(0, b => b with { StepWeight = 0, Priority = 0 })
            .WithCluster(2, c => c with { Name = "API" });
        var codes = SystemValidation.Validate(spec).FailToSeq().Map(e => e.Code).ToHashSet();
        Assert.Superset(new System.Collections.Generic.HashSet<string> { "weight-out-of-range", "priority-out-of-range", "invalid-name" }, codes);
    }

    [Fact]
    public void The_five_mistakes_example_reports_all_five_in_one_run()
    {
        var errors = SystemManifest.Parse(RepoFiles.Read("examples", "invalid-five-mistakes.yaml")).FailToSeq();
        var expected = new[]
        {
            ("unknown-field", "spec.applications[0].argocd.clusterSecret.lables"),
            ("weight-out-of-range", "spec.applications[0].alb.updateStrategy.stepWeight"),
            ("delete-before-create-with-alb", "spec.applications[1].argocd.updateStrategy.type"),
            ("unknown-template-variable", "spec.applications[0].checks[0].analysis.query"),
            ("shared-arn-needs-one-cluster", "spec.applications[0].alb.forwardConfig.targetGroup.arn"),
        };
        Assert.True(errors.Count >= 5, string.Join("\n", errors));
        foreach (var (code, path) in expected)
            Assert.Contains(errors, e => e.Code == code && e.Path == path && e.Line is > 0);
        Assert.Contains(errors, e => e.Message == "unknown field \"lables\"; did you mean \"labels\"?");
    }
}
