namespace Hotswap.Operator.Tests;

/// <summary>
/// The canonical selector form (matchLabels / matchExpressions) and SEED.md's flat-map shorthand
/// mean the same thing: examples/mysystem-v2-selectors.yaml is examples/mysystem-v2.yaml with
/// every selector rewritten, and every command's output is byte for byte the same.
/// </summary>
[Collection(Cli.Collection)]
public sealed class SelectorFormTests
{
    const string Flat = "examples/mysystem-v2.yaml";
    const string Canonical = "examples/mysystem-v2-selectors.yaml";

    [Fact]
    public void Both_forms_validate()
    {
        var flat = Cli.Run("validate", "-f", Flat);
        var canonical = Cli.Run("validate", "-f", Canonical);

        Assert.True(canonical.ExitCode == 0, canonical.Error);
        Assert.Equal(flat.Out.Replace(Flat, ""), canonical.Out.Replace(Canonical, ""));
    }

    [Theory]
    [InlineData("examples/worlds/mysystem-half-migrated.yaml")]
    [InlineData("examples/worlds/empty.yaml")]
    public void Both_forms_plan_the_same_json(string world)
    {
        string[] Args(string file) => ["plan", "-f", file, "--world", world, "--now", "2026-11-24T10:05:06Z", "--output", "json"];

        var flat = Cli.Run(Args(Flat));
        var canonical = Cli.Run(Args(Canonical));

        Assert.True(canonical.ExitCode == 0, canonical.Error);
        Assert.Equal(flat.Out, canonical.Out);
    }

    [Theory]
    [InlineData]
    [InlineData("--scenario", "examples/scenarios/web-error-rate-from-step-3.yaml")]
    public void Both_forms_simulate_the_same_json(params string[] scenario)
    {
        string[] Args(string file) => ["simulate", "-f", file, "--from", "examples/mysystem-v1.yaml", "--output", "json", .. scenario];

        var flat = Cli.Run(Args(Flat));
        var canonical = Cli.Run(Args(Canonical));

        Assert.Equal(flat.ExitCode, canonical.ExitCode);
        Assert.True(canonical.Out.Length > 1000, canonical.Error);
        Assert.Equal(flat.Out, canonical.Out);
    }
}
