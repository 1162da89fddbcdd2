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

    // Render scans for placeholders by hand (the planner renders every check for every cluster in
    // every decision); the regular expression says what a placeholder is. Both must agree on any
    // text: white space of every kind, names that are not names, braces that nest or run on. Each
    // piece of a template is noise or something close to a placeholder, built part by part: each
    // part as a placeholder has it (the first of its list) three times in four, else any of the list.
    static readonly string[][] PlaceholderParts =
    [
        ["{{", "{{{", "{", ""],
        ["", "", " ", "\t", "\n", "\u00a0", "\u2003", "\u200b", "\u0085", " \t "],
        [".Vars.", ".vars.", ".Vars", "Vars.", ". Vars.", ""],
        ["clusterName", "targetGroupARN", "systemName", "_a1", "A_9", "9x", "x-y", "é", "x.y", ""],
        ["", "", " ", "\t", "\n", "\u00a0", "\u2003", "\u200b", "\u0085", " \t "],
        ["}}", "}}}", "}", " }}", ""],
    ];

    // Every name has a value but one, so a name read wrongly shows, and so does one left as written.
    static Option<string> Lookup(string name) => name == "systemName" ? None : Some($"<{name}>");

    static readonly string[] Noise = ["x", "{", "}", " ", "-", ":", "{cluster:", "}.as_rate()", "é"];

    [Fact]
    public void Render_agrees_with_the_placeholder_pattern_on_any_text()
    {
        var random = new Random(20261205);
        var matched = 0;
        for (var n = 0; n < 20_000; n++)
        {
            var template = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(3) == 0
                ? Noise[random.Next(Noise.Length)]
                : string.Concat(PlaceholderParts.Select(part => part[random.Next(4) > 0 ? 0 : random.Next(part.Length)]))));
            var expected = QueryTemplate.Placeholder.Replace(template, m => Lookup(m.Groups[1].Value).IfNone(m.Value));
            Assert.Equal((template, expected), (template, QueryTemplate.Render(template, Lookup)));
            if (QueryTemplate.Placeholder.IsMatch(template)) matched++;
        }
        // The generator reaches the case that matters: a third of the templates or more hold a placeholder.
        Assert.True(matched > 20_000 / 3, $"only {matched} of 20000 templates hold a placeholder");
    }
}
