using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Tests;

public class ParsingTests
{
    static SystemSpec Valid(string text)
    {
        var result = SystemManifest.Parse(text);
        return result.Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
    }

    static Seq<SpecError> Errors(string text) => SystemManifest.Parse(text).FailToSeq();

    static int LineOf(string text, string fragment) =>
        text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(fragment)).i + 1;

    [Fact]
    public void The_fixture_YAML_parses_to_the_fixture_records() =>
        Assert.Equal(Some.System, Valid(Some.ValidSystemYaml));

    [Theory]
    [InlineData("mysystem-v1.yaml", "mycluster-web-1-v1")]
    [InlineData("mysystem-v2.yaml", "mycluster-web-1-v2")]
    public void The_reference_examples_parse_and_validate(string file, string firstWebCluster)
    {
        var spec = Valid(RepoFiles.Read("examples", file));
        Assert.Equal("mysystem", spec.Name);
        Assert.Equal(firstWebCluster, spec.Clusters[0].Name);
        Assert.Equal(["web", "api", "backgroundjobs"], spec.Applications.Map(a => a.Name).ToArray());
        Assert.Equal(UpdateStrategyType.DeleteBeforeCreate, spec.Applications[2].ArgoCd.UpdateStrategy);
        Assert.True(spec.Applications[2].Alb.IsNone);
        Assert.Equal(100, spec.Applications[1].Alb.Map(a => a.StepWeight).IfNone(0));
        Assert.Equal(TimeSpan.FromMinutes(60), spec.Clusters[0].ReadyTimeout.IfNone(TimeSpan.Zero));
    }

    [Fact]
    public void The_two_versions_differ_only_in_web_clusters()
    {
        var v1 = Valid(RepoFiles.Read("examples", "mysystem-v1.yaml"));
        var v2 = Valid(RepoFiles.Read("examples", "mysystem-v2.yaml"));
        Assert.Equal(v1.Applications, v2.Applications);
        Assert.Equal(v1.Clusters.Skip(2), v2.Clusters.Skip(2));
        Assert.NotEqual(v1.Clusters.Take(2), v2.Clusters.Take(2));
    }

    [Fact]
    public void A_misspelt_field_is_reported_with_a_suggestion_and_its_line()
    {
        var text = Some.ValidSystemYaml.Replace("        labels:\n          myservice-role: web", "        lables:\n          myservice-role: web");
        var error = Assert.Single(Errors(text));
        Assert.Equal("unknown-field", error.Code);
        Assert.Equal("spec.applications[0].argocd.clusterSecret.lables", error.Path);
        Assert.Equal("unknown field \"lables\"; did you mean \"labels\"?", error.Message);
        Assert.Equal(LineOf(text, "lables:"), error.Line);
    }

    [Fact]
    public void An_unknown_field_far_from_every_known_one_gets_no_suggestion()
    {
        var text = Some.ValidSystemYaml.Replace("    eks: {}\n    labels:\n      role: api", "    eks: {}\n    colour: blue\n    labels:\n      role: api");
        var error = Assert.Single(Errors(text));
        Assert.Equal("unknown field \"colour\"", error.Message);
        Assert.Equal("spec.clusters[2].colour", error.Path);
    }

    [Theory]
    [InlineData("an unclosed flow mapping", "apiVersion: {a: 1\nkind: System\n")]
    [InlineData("a tab-indented block", "spec:\n\tclusters: []\n")]
    [InlineData("an unterminated quote", "metadata:\n  name: \"mysystem\n")]
    public void Malformed_YAML_is_an_error_not_an_exception(string name, string text)
    {
        var error = Assert.Single(SystemManifest.Parse(text).FailToSeq());
        Assert.Equal(("yaml-syntax", name), (error.Code, name));
        Assert.StartsWith("not valid YAML or JSON", error.Message);
    }

    [Fact]
    public void A_YAML_syntax_error_carries_its_line()
    {
        var error = Assert.Single(Errors("apiVersion: v1\nkind: System\nmetadata:\n  name: x\n  - y\n"));
        Assert.Equal("yaml-syntax", error.Code);
        Assert.True(error.Line is >= 4 and <= 5, error.ToString());
    }

    [Fact]
    public void An_empty_manifest_is_an_error_at_its_first_line()
    {
        var error = Assert.Single(Errors("  \n# nothing\n"));
        Assert.Equal(("empty-document", (int?)1), (error.Code, error.Line));
    }

    [Fact]
    public void Empty_documents_around_the_System_are_skipped_as_kubectl_skips_them()
    {
        var manifest = RepoFiles.Read("examples", "mysystem-v2.yaml");

        var parsed = SystemManifest.Parse("# leading comment\n---\n" + manifest + "\n---\n# trailing\n");

        Assert.Equal(SystemManifest.Parse(manifest).IfFail(_ => throw new Xunit.Sdk.XunitException("example invalid")),
            parsed.IfFail(e => throw new Xunit.Sdk.XunitException(string.Join("\n", e))));
    }

    [Fact]
    public void JSON_input_parses_like_YAML()
    {
        var json = """
            {
              "apiVersion": "hotswap.mumoshu.github.io/v1alpha1",
              "kind": "System",
              "metadata": { "name": "mysystem", "generation": 7, "uid": "6f1c", "resourceVersion": "42" },
              "spec": {
                "clusters": [ { "name": "api-1", "eks": { "clusterName": "eks-api-1" }, "labels": { "role": "api" } } ],
                "applications": [ {
                  "name": "api",
                  "argocd": { "clusterSecret": { "name": "api-clusters", "labels": { "myservice-role": "api" } },
                              "applicationSet": { "name": "api" } },
                  "prechecks": [ { "name": "smoke", "job": { "template": { "spec": { "backoffLimit": 0, "parallelism": "1" } } } } ]
                } ],
                "rollback": { "policy": "Halt" }
              }
            }
            """;
        var spec = Valid(json);
        Assert.Equal(7, spec.Generation);
        Assert.Equal("eks-api-1", spec.Clusters[0].Eks.ClusterName);
        Assert.Equal(RollbackMode.Halt, spec.Rollback.Mode);
        Assert.Equal("""{"spec":{"backoffLimit":0,"parallelism":"1"}}""", spec.Applications[0].Prechecks[0].TemplateJson);
    }

    const string Minimal = """
        apiVersion: hotswap.mumoshu.github.io/v1alpha1
        kind: System
        metadata:
          name: tiny
        spec:
          clusters:
          - name: only
            eks:
              # clusterName defaults to the cluster's name
          applications:
          - name: app
            argocd:
              clusterSecret:
                name: app-clusters
              applicationSet:
                name: app
            alb:
              listenerARN: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/tiny/50dc6c495c0c9188/f2f7dc8efc522ab2
              forwardConfig:
                priority: 1
                targetGroup:
                  targetGroupBindingSelector: {matchLabels: {svc: app, tier: front}}
              updateStrategy:
                stepWeight: 25
            checks:
            - name: latency
              analysis:
                query: avg:latency{cluster:{{.Vars.clusterName}}}
                min: 0
        """;

    [Fact]
    public void Defaults_are_applied()
    {
        var spec = Valid(Minimal);
        var cluster = spec.Clusters[0];
        var app = spec.Applications[0];
        var alb = app.Alb.IfNone(() => throw new Xunit.Sdk.XunitException("alb missing"));
        var analysis = app.Checks[0].Analysis;
        Assert.Equal(1, spec.Generation);
        Assert.Equal(new EksSpec("only", None), cluster.Eks);
        Assert.True(cluster.RequireReady);
        Assert.True(cluster.ReadyTimeout.IsNone);
        Assert.Equal(UpdateStrategyType.CreateBeforeDelete, app.ArgoCd.UpdateStrategy);
        Assert.Equal(100, alb.TotalWeight);
        Assert.Equal(new TargetGroupSource.FromBindingSelector(LabelSelector.Labels(("svc", "app"), ("tier", "front"))), alb.TargetGroup);
        Assert.Equal(TimeSpan.FromMinutes(1), analysis.Interval);
        Assert.Equal(MetricProvider.Datadog, analysis.Provider);
        Assert.Equal((0, 3), (analysis.FailureLimit, analysis.InconclusiveLimit));
        Assert.Equal(RollbackPolicy.Default, spec.Rollback);
        Assert.Equal(TimeSpan.FromMinutes(10), app.Deadline);
    }

    [Fact]
    public void ProgressDeadline_is_read_per_application()
    {
        var app = Valid(Minimal.Replace("- name: app\n", "- name: app\n    progressDeadline: 90s\n", StringComparison.Ordinal)).Applications[0];
        Assert.Equal(Some(TimeSpan.FromSeconds(90)), app.ProgressDeadline);
        Assert.Equal(TimeSpan.FromSeconds(90), app.Deadline);
    }

    [Fact]
    public void A_shared_arn_defaults_stepWeight_to_totalWeight()
    {
        var text = Minimal
            .Replace("targetGroupBindingSelector: {matchLabels: {svc: app, tier: front}}", "arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/app/73e2d6bc24d8a067")
            .Replace("      updateStrategy:\n        stepWeight: 25\n", "");
        Assert.Equal(100, Valid(text).Applications[0].Alb.Map(a => a.StepWeight).IfNone(0));
    }

    [Fact]
    public void The_job_template_becomes_canonical_JSON()
    {
        var spec = Valid(RepoFiles.Read("examples", "mysystem-v2.yaml"));
        Assert.Equal(
            """{"spec":{"backoffLimit":0,"template":{"spec":{"containers":[{"args":["--target","backgroundjobs","--timeout","5m"],"command":["/smoke"],"image":"ghcr.io/mumoshu/hotswap-smoke:1.0","name":"smoke"}],"restartPolicy":"Never"}}}}""",
            spec.Applications[2].Prechecks[0].TemplateJson);
    }

    [Fact]
    public void Canonical_JSON_sorts_keys_and_keeps_quoted_scalars_as_strings()
    {
        var text = Minimal + """

                prechecks:
                - name: p
                  job:
                    template: {b: "1", a: [true, 2.5, x, null, '007', 1e3], "c d": ~}
            """;
        Assert.Equal("""{"a":[true,2.5,"x",null,"007",1000],"b":"1","c d":null}""",
            Valid(text).Applications[0].Prechecks[0].TemplateJson);
    }

    public static TheoryData<string, string, string, string, string> ParseErrorCases => new()
    {
        { "a string where an int is expected", "priority: 1", "priority: ten", "wrong-type", "spec.applications[0].alb.forwardConfig.priority" },
        { "a quoted int", "stepWeight: 25", "stepWeight: \"25\"", "wrong-type", "spec.applications[0].alb.updateStrategy.stepWeight" },
        { "a list where a mapping is expected", "    eks:\n", "    eks: [a]\n", "wrong-type", "spec.clusters[0].eks" },
        { "a cluster without a name", "  - name: only", "  - requireReady: false", "missing-field", "spec.clusters[0].name" },
        { "an application without argocd", "    argocd:\n      clusterSecret:\n        name: app-clusters\n      applicationSet:\n        name: app\n", "", "missing-field", "spec.applications[0].argocd" },
        { "alb without stepWeight", "        stepWeight: 25", "        totalWeight: 100", "missing-field", "spec.applications[0].alb.updateStrategy.stepWeight" },
        { "no target group source", "          targetGroupBindingSelector: {matchLabels: {svc: app, tier: front}}", "          {}", "target-group-source", "spec.applications[0].alb.forwardConfig.targetGroup" },
        { "two target group sources", "          targetGroupBindingSelector: {matchLabels: {svc: app, tier: front}}", "          arnFromLabel: tg\n          targetGroupBindingSelector: {svc: app}", "target-group-source", "spec.applications[0].alb.forwardConfig.targetGroup" },
        { "a kubectl-style selector string", "{matchLabels: {svc: app, tier: front}}", "svc=app,tier=front", "wrong-type", "spec.applications[0].alb.forwardConfig.targetGroup.targetGroupBindingSelector" },
        { "an unknown operator", "{matchLabels: {svc: app, tier: front}}", "{matchExpressions: [{key: svc, operator: Equals, values: [app]}]}", "invalid-value", "spec.applications[0].alb.forwardConfig.targetGroup.targetGroupBindingSelector.matchExpressions[0].operator" },
        { "a requirement without a key", "{matchLabels: {svc: app, tier: front}}", "{matchExpressions: [{operator: Exists}]}", "missing-field", "spec.applications[0].alb.forwardConfig.targetGroup.targetGroupBindingSelector.matchExpressions[0].key" },
        { "shorthand beside matchLabels", "{matchLabels: {svc: app, tier: front}}", "{matchLabels: {svc: app}, tier: front}", "mixed-selector", "spec.applications[0].alb.forwardConfig.targetGroup.targetGroupBindingSelector.tier" },
        { "a scalar rollback", "        min: 0", "        min: 0\n  rollback: Halt", "wrong-type", "spec.rollback" },
        { "a bad duration", "  - name: only\n", "  - name: only\n    readyTimeout: 5x\n", "invalid-value", "spec.clusters[0].readyTimeout" },
        { "an unknown provider", "        min: 0", "        min: 0\n        provider: graphite", "invalid-value", "spec.applications[0].checks[0].analysis.provider" },
        { "a non-boolean requireReady", "  - name: only\n", "  - name: only\n    requireReady: yes\n", "wrong-type", "spec.clusters[0].requireReady" },
        { "a min that is not a number", "        min: 0", "        min: low", "wrong-type", "spec.applications[0].checks[0].analysis.min" },
        { "the wrong apiVersion", "hotswap.mumoshu.github.io/v1alpha1", "hotswap.mumoshu.github.io/v1", "wrong-api-version", "apiVersion" },
        { "the wrong kind", "kind: System", "kind: Cluster", "wrong-kind", "kind" },
        { "a misspelt spec", "spec:\n", "spce:\n", "unknown-field", "spce" },
        { "a scalar job template", "        min: 0", "        min: 0\n    postchecks:\n    - name: p\n      job:\n        template: run-me", "wrong-type", "spec.applications[0].postchecks[0].job.template" },
    };

    [Theory, MemberData(nameof(ParseErrorCases))]
    public void Parsing_reports(string name, string find, string replace, string code, string path)
    {
        Assert.Contains(find, Minimal);
        var errors = Errors(Minimal.Replace(find, replace));
        Assert.True(errors.Exists(e => e.Code == code && e.Path == path), $"{name}:\n{string.Join("\n", errors)}");
        Assert.All(errors, e => Assert.NotNull(e.Line));
    }

    [Theory]
    [InlineData("a quoted stepWeight", "stepWeight: 25", "stepWeight: \"25\"")]
    [InlineData("a scalar targetGroup", "targetGroup:\n          targetGroupBindingSelector: {matchLabels: {svc: app, tier: front}}", "targetGroup: web")]
    [InlineData("a scalar argocd", "argocd:\n      clusterSecret:\n        name: app-clusters\n      applicationSet:\n        name: app", "argocd: web")]
    public void A_value_of_the_wrong_type_is_reported_once(string name, string find, string replace)
    {
        Assert.Contains(find, Minimal);
        var errors = Errors(Minimal.Replace(find, replace));
        Assert.Equal(("wrong-type", name), (Assert.Single(errors).Code, name));
    }

    [Fact]
    public void A_parse_error_hides_its_own_consequences_in_validation()
    {
        // missing stepWeight is read as 0; "stepWeight must be between 1 and 100" would only repeat it
        var errors = Errors(Minimal.Replace("        stepWeight: 25", "        totalWeight: 100"));
        Assert.Equal("missing-field", Assert.Single(errors).Code);
    }

    [Fact]
    public void A_parse_error_below_a_validated_field_hides_the_consequence_above_it()
    {
        // a scalar selector is dropped, which would leave "neither name nor selector"
        var errors = Errors(Minimal.Replace("      applicationSet:\n        name: app", "      applicationSet:\n        selector: app=web"));
        Assert.Equal(("wrong-type", "spec.applications[0].argocd.applicationSet.selector"),
            (Assert.Single(errors).Code, errors[0].Path));
    }

    [Fact]
    public void Validation_errors_carry_the_line_of_their_field()
    {
        var text = Minimal.Replace("stepWeight: 25", "stepWeight: 0");
        var error = Assert.Single(Errors(text));
        Assert.Equal(("weight-out-of-range", LineOf(text, "stepWeight: 0")), (error.Code, error.Line ?? 0));
    }

    [Fact]
    public void ParseWithoutValidation_skips_the_rules()
    {
        var text = Minimal.Replace("stepWeight: 25", "stepWeight: 0");
        Assert.True(SystemManifest.ParseWithoutValidation(text).IsSuccess);
        Assert.True(SystemManifest.Parse(text).IsFail);
    }

    [Fact]
    public void Rollback_accepts_a_map()
    {
        var spec = Valid(Minimal + "\n  rollback:\n    policy: Halt\n    delay: 2m\n");
        Assert.Equal(new RollbackPolicy(RollbackMode.Halt, TimeSpan.FromMinutes(2)), spec.Rollback);
    }

    [Fact]
    public void Status_is_accepted_and_ignored() =>
        Assert.Equal(Valid(Minimal), Valid(Minimal + "\nstatus:\n  phase: Failed\n"));

    public static TheoryData<string, string, TimeSpan?> DurationCases => new()
    {
        { "minutes", "60m", TimeSpan.FromMinutes(60) },
        { "seconds", "30s", TimeSpan.FromSeconds(30) },
        { "hours and minutes", "1h30m", new TimeSpan(1, 30, 0) },
        { "milliseconds", "500ms", TimeSpan.FromMilliseconds(500) },
        { "a fraction", "1.5s", TimeSpan.FromMilliseconds(1500) },
        { "bare zero", "0", TimeSpan.Zero },
        { "negative", "-10s", TimeSpan.FromSeconds(-10) },
        { "no unit", "60", null },
        { "unknown unit", "2d", null },
        { "empty", "", null },
        { "absurdly large", "99999999999999999999h", null },
    };

    [Theory, MemberData(nameof(DurationCases))]
    public void Duration_parses_Go_style_durations(string name, string text, TimeSpan? expected) =>
        Assert.Equal((name, expected), (name, GoDuration.Parse(text).MatchUnsafe(d => (TimeSpan?)d, () => null)));
}
