using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Tests;

/// <summary>
/// Label selectors are evaluated as Kubernetes evaluates them (apimachinery labels.Requirement
/// and metav1.LabelSelectorAsSelector): requirements are ANDed, NotIn and DoesNotExist hold for
/// an absent label, In and Exists need it, and a selector with no requirements matches everything.
/// </summary>
public class LabelSelectorTests
{
    static readonly Map<string, string> None_ = Map<string, string>();
    static readonly Map<string, string> Web = Map(("role", "web"));
    static readonly Map<string, string> WebProd = Map(("role", "web"), ("env", "prod"));
    static readonly Map<string, string> WebDev = Map(("role", "web"), ("env", "dev"));
    static readonly Map<string, string> EmptyEnv = Map(("role", "web"), ("env", ""));

    static LabelSelector Expr(string key, SelectorOperator op, params string[] values) =>
        new(Map<string, string>(), Seq1(new LabelSelectorRequirement(key, op, toSeq(values))));

    public static TheoryData<string, LabelSelector, Map<string, string>, bool> Cases => new()
    {
        { "empty selector, no labels", LabelSelector.Everything, None_, true },
        { "empty selector, some labels", LabelSelector.Everything, WebProd, true },
        { "matchLabels, present and equal", LabelSelector.Labels(("role", "web")), WebProd, true },
        { "matchLabels, present and different", LabelSelector.Labels(("role", "api")), WebProd, false },
        { "matchLabels, absent", LabelSelector.Labels(("tier", "front")), WebProd, false },
        { "matchLabels, every pair must hold", LabelSelector.Labels(("role", "web"), ("env", "dev")), WebProd, false },
        { "matchLabels with an empty value, label empty", LabelSelector.Labels(("env", "")), EmptyEnv, true },
        { "matchLabels with an empty value, label absent", LabelSelector.Labels(("env", "")), Web, false },
        { "In, value listed", Expr("env", SelectorOperator.In, "dev", "prod"), WebProd, true },
        { "In, value not listed", Expr("env", SelectorOperator.In, "dev", "qa"), WebProd, false },
        { "In, label absent", Expr("env", SelectorOperator.In, "dev", "prod"), Web, false },
        { "NotIn, value listed", Expr("env", SelectorOperator.NotIn, "prod"), WebProd, false },
        { "NotIn, value not listed", Expr("env", SelectorOperator.NotIn, "prod"), WebDev, true },
        { "NotIn, label absent matches", Expr("env", SelectorOperator.NotIn, "prod"), Web, true },
        { "Exists, present", Expr("env", SelectorOperator.Exists), WebDev, true },
        { "Exists, present with an empty value", Expr("env", SelectorOperator.Exists), EmptyEnv, true },
        { "Exists, absent", Expr("env", SelectorOperator.Exists), Web, false },
        { "DoesNotExist, absent", Expr("env", SelectorOperator.DoesNotExist), Web, true },
        { "DoesNotExist, present", Expr("env", SelectorOperator.DoesNotExist), WebDev, false },
        { "matchLabels and matchExpressions are ANDed, both hold",
            new LabelSelector(Map(("role", "web")), Seq1(new LabelSelectorRequirement("env", SelectorOperator.NotIn, Seq1("prod")))), WebDev, true },
        { "matchLabels and matchExpressions are ANDed, one fails",
            new LabelSelector(Map(("role", "web")), Seq1(new LabelSelectorRequirement("env", SelectorOperator.NotIn, Seq1("prod")))), WebProd, false },
        { "two expressions on one key are ANDed",
            new LabelSelector(Map<string, string>(), Seq(
                new LabelSelectorRequirement("env", SelectorOperator.Exists, Seq<string>()),
                new LabelSelectorRequirement("env", SelectorOperator.NotIn, Seq1("prod")))), Web, false },
        { "values are case-sensitive", Expr("env", SelectorOperator.In, "PROD"), WebProd, false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void A_selector_matches_as_Kubernetes_does(string name, LabelSelector selector, Map<string, string> labels, bool matches) =>
        Assert.Equal((name, matches), (name, selector.Matches(labels)));

    [Fact]
    public void It_prints_in_kubectl_syntax_sorted_by_key() =>
        Assert.Equal("env notin (prod),role=web,tier in (a,b),!x,zone",
            new LabelSelector(Map(("role", "web")), Seq(
                new LabelSelectorRequirement("zone", SelectorOperator.Exists, Seq<string>()),
                new LabelSelectorRequirement("tier", SelectorOperator.In, Seq("b", "a")),
                new LabelSelectorRequirement("x", SelectorOperator.DoesNotExist, Seq<string>()),
                new LabelSelectorRequirement("env", SelectorOperator.NotIn, Seq1("prod")))).Format());

    static LabelSelector ClusterSelectorOf(string selectorYaml)
    {
        var text = $$$"""
            apiVersion: hotswap.mumoshu.github.io/v1alpha1
            kind: System
            metadata: {name: s}
            spec:
              clusters:
              - {name: a, labels: {role: web}}
              - {name: b, labels: {role: web, env: dev}}
              applications:
              - name: web
                clusterSelector: {{{selectorYaml}}}
                argocd: {clusterSecret: {name: web}, applicationSet: {name: web}}
            """;
        return SystemManifest.ParseWithoutValidation(text).Match(
            s => s.Applications[0].ClusterSelector,
            e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
    }

    [Fact]
    public void The_flat_map_is_shorthand_for_matchLabels() =>
        Assert.Equal(ClusterSelectorOf("{matchLabels: {role: web}}"), ClusterSelectorOf("{role: web}"));

    [Fact]
    public void MatchExpressions_are_read_with_their_operators_and_values() =>
        Assert.Equal(
            new LabelSelector(Map(("role", "web")), Seq(
                new LabelSelectorRequirement("env", SelectorOperator.NotIn, Seq("prod", "qa")),
                new LabelSelectorRequirement("gpu", SelectorOperator.DoesNotExist, Seq<string>()))),
            ClusterSelectorOf("{matchLabels: {role: web}, matchExpressions: [{key: env, operator: NotIn, values: [prod, qa]}, {key: gpu, operator: DoesNotExist}]}"));

    static Seq<SpecError> ErrorsOf(string selectorYaml) => SystemManifest.Parse($$$"""
        apiVersion: hotswap.mumoshu.github.io/v1alpha1
        kind: System
        metadata: {name: s}
        spec:
          clusters:
          - {name: a, labels: {role: web}}
          applications:
          - name: web
            argocd:
              clusterSecret: {name: web}
              applicationSet:
                selector: {{{selectorYaml}}}
        """).FailToSeq();

    [Fact]
    public void MatchLabels_under_applicationSet_selector_is_accepted() =>
        Assert.Empty(ErrorsOf("{matchLabels: {app: api}}"));

    [Fact]
    public void A_misspelt_matchLabels_gets_one_error_with_a_suggestion()
    {
        var error = Assert.Single(ErrorsOf("{matchLabel: {app: api}}"));
        Assert.Equal(("unknown-field", "spec.applications[0].argocd.applicationSet.selector.matchLabel"), (error.Code, error.Path));
        Assert.Equal("unknown field \"matchLabel\"; did you mean \"matchLabels\"?", error.Message);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void A_lower_case_operator_is_refused_with_a_suggestion_as_Kubernetes_refuses_it()
    {
        var error = Assert.Single(ErrorsOf("{matchExpressions: [{key: app, operator: in, values: [api]}]}"));
        Assert.Equal("invalid-value", error.Code);
        Assert.Equal("\"in\" is not one of In, NotIn, Exists, DoesNotExist; did you mean \"In\"?", error.Message);
    }

    [Fact]
    public void A_kubectl_string_is_answered_with_the_mapping_to_write()
    {
        var error = Assert.Single(ErrorsOf("\"app=api,tier=front\""));
        Assert.Equal("wrong-type", error.Code);
        Assert.EndsWith("write {matchLabels: {app: api, tier: front}}", error.Message);
    }

    [Fact]
    public void Semantic_selector_errors_carry_the_line_of_the_requirement()
    {
        var error = Assert.Single(ErrorsOf("{matchExpressions: [{key: app, operator: In}]}"));
        Assert.Equal(("invalid-selector", "spec.applications[0].argocd.applicationSet.selector.matchExpressions[0].values"), (error.Code, error.Path));
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void The_old_spelling_of_targetGroupBindingSelector_gets_one_error_with_a_suggestion()
    {
        var errors = SystemManifest.Parse("""
            apiVersion: hotswap.mumoshu.github.io/v1alpha1
            kind: System
            metadata: {name: s}
            spec:
              clusters:
              - {name: a, labels: {role: web}}
              applications:
              - name: web
                argocd: {clusterSecret: {name: web}, applicationSet: {name: web}}
                alb:
                  listenerARN: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/tiny/50dc6c495c0c9188/f2f7dc8efc522ab2
                  forwardConfig:
                    priority: 1
                    targetGroup:
                      targetgroupBindingSelector: {matchLabels: {svc: web}}
                  updateStrategy: {stepWeight: 10}
            """).FailToSeq();
        var error = Assert.Single(errors);
        Assert.Equal(("unknown-field", "spec.applications[0].alb.forwardConfig.targetGroup.targetgroupBindingSelector"), (error.Code, error.Path));
        Assert.Equal("unknown field \"targetgroupBindingSelector\"; did you mean \"targetGroupBindingSelector\"?", error.Message);
        Assert.Equal(15, error.Line);
    }
}
