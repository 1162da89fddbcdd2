using Hotswap.Core.Templates;

namespace Hotswap.Core.Tests;

public class QueryTemplateTests
{
    public static TheoryData<string, string, string[]> VariableCases => new()
    {
        { "no placeholders", "avg:system.cpu.user{*}", [] },
        { "one placeholder inside Datadog braces", "sum:errors{cluster:{{.Vars.clusterName}}}.as_rate()", ["clusterName"] },
        { "spaces inside the braces", "up{cluster=\"{{ .Vars.eksClusterName }}\"}", ["eksClusterName"] },
        { "repeats listed once, in order", "{{.Vars.albListenerARN}} {{.Vars.clusterName}} {{.Vars.albListenerARN}}", ["albListenerARN", "clusterName"] },
        { "unknown names are still listed", "{{.Vars.podName}}", ["podName"] },
        { "multi-line query", "a{{.Vars.systemName}}\nb{{.Vars.applicationName}}\n", ["systemName", "applicationName"] },
    };

    [Theory, MemberData(nameof(VariableCases))]
    public void Variables_lists_the_names_used(string name, string template, string[] expected)
    {
        var names = QueryTemplate.Variables(template, "q").Match(n => n.ToArray(), e => throw new Xunit.Sdk.XunitException($"{name}: {string.Join("; ", e)}"));
        Assert.Equal(expected, names);
    }

    public static TheoryData<string, string, string> MalformedCases => new()
    {
        { "an unclosed placeholder", "x{{.Vars.clusterName", "never closed" },
        { "a placeholder without .Vars", "x{{clusterName}}", "is not a variable" },
        { "a Go template action", "{{ if .Vars.clusterName }}", "is not a variable" },
        { "an empty placeholder", "{{}}", "is not a variable" },
    };

    [Theory, MemberData(nameof(MalformedCases))]
    public void Variables_rejects(string name, string template, string fragment)
    {
        var errors = QueryTemplate.Variables(template, "spec.q").FailToSeq();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(("malformed-template", "spec.q"), (e.Code, e.Path)));
        Assert.True(errors.Exists(e => e.Message.Contains(fragment)), $"{name}: {string.Join("; ", errors)}");
    }

    static readonly HashMap<string, string> Vars = HashMap(
        ("clusterName", "mycluster-web-1-v2"),
        ("eksClusterName", "eks-web-1"),
        ("targetGroupARN", "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067"));

    public static TheoryData<string, string, string> RenderCases => new()
    {
        { "Datadog braces stay", "sum:errors{cluster:{{.Vars.clusterName}}}.as_rate()", "sum:errors{cluster:mycluster-web-1-v2}.as_rate()" },
        { "spaces inside the braces", "{{ .Vars.eksClusterName }}/{{.Vars.clusterName}}", "eks-web-1/mycluster-web-1-v2" },
        { "every occurrence", "{{.Vars.clusterName}}-{{.Vars.clusterName}}", "mycluster-web-1-v2-mycluster-web-1-v2" },
        { "an ARN value", "tg:{{.Vars.targetGroupARN}}", "tg:arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067" },
        { "a name without a value stays as written", "{{.Vars.systemName}}", "{{.Vars.systemName}}" },
        { "no placeholders", "avg:cpu{*}", "avg:cpu{*}" },
    };

    [Theory, MemberData(nameof(RenderCases))]
    public void Render_replaces_placeholders(string name, string template, string expected) =>
        Assert.Equal((name, expected), (name, QueryTemplate.Render(template, Vars)));

    [Fact]
    public void Known_variables_are_the_six_the_design_names() =>
        Assert.Equal(
            ["systemName", "applicationName", "clusterName", "eksClusterName", "albListenerARN", "targetGroupARN"],
            QueryTemplate.KnownVariables.ToArray());
}
