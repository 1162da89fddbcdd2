using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Testing;
using Hotswap.Testing.KubeApi;
using LanguageExt;

namespace Hotswap.Operator.Tests;

/// <summary>
/// <c>hotswap plan --kubeconfig</c> against the test API server loaded with the half-migrated
/// example world (its Kubernetes part; EKS and the listener rules come from the same world file
/// through <c>--aws-world</c>) decides exactly what <c>plan --world</c> decides for that file.
/// </summary>
[Collection(Cli.Collection)]
public sealed class PlanKubeconfigTests : IAsyncLifetime
{
    private const string Now = "2026-11-24T10:05:06Z";
    private const string WorldFile = "examples/worlds/mysystem-half-migrated.yaml";

    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-plan-").FullName;
    private KubeApiServer? server;

    private static World HalfMigrated => WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"))
        .Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));

    public async Task InitializeAsync() => server = await Loaded(failWrites: false);

    public async Task DisposeAsync()
    {
        if (server is not null) await server.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<KubeApiServer> Loaded(bool failWrites)
    {
        var s = await ControlPlane.StartAsync(RepoFiles.Root, RepoFiles.Shared, failWrites);
        var system = ControlPlane.System(RepoFiles.Root, "mysystem");
        WorldSeeder.Seed(s, system, HalfMigrated);
        return s;
    }

    private CliRun Live(KubeApiServer s, params string[] output) => Cli.Run(
        ["plan", "--kubeconfig", s.WriteKubeconfig(Path.Combine(dir, $"kubeconfig-{s.Port}")), "-n", ControlPlane.Namespace,
         "mysystem", "--aws-world", WorldFile, "--now", Now, .. output]);

    private static CliRun FromFile(params string[] output) =>
        Cli.Run(["plan", "-f", "examples/mysystem-v2.yaml", "--world", WorldFile, "--now", Now, .. output]);

    [Theory]
    [InlineData("json")]
    public void Plan_kubeconfig_prints_the_same_decision_as_plan_world(string output)
    {
        var file = FromFile("-o", output);
        var live = Live(server!, "-o", output);

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.True(file.ExitCode == 0, file.Error);
        Assert.Contains("set-weights", file.Out);
        Assert.Equal(file.Out, live.Out);
    }

    [Fact]
    public async Task Plan_kubeconfig_never_writes_even_when_every_write_would_fail()
    {
        await using var readOnly = await Loaded(failWrites: true);

        var live = Live(readOnly, "-o", "json");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Equal(FromFile("-o", "json").Out, live.Out);
        Assert.NotEmpty(readOnly.Requests);
        Assert.All(readOnly.Requests, r => Assert.StartsWith("GET ", r));
    }

    [Fact]
    public void Output_world_saves_what_was_observed_as_a_world_file()
    {
        var live = Live(server!, "-o", "world");

        Assert.True(live.ExitCode == 0, live.Error);
        var observed = WorldDocument.Parse(live.Out).Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        // The secrets also carry the labels hotswap keeps for itself (managed-by, system, namespace).
        var bookkeeping = new[] { "app.kubernetes.io/managed-by", "hotswap.mumoshu.github.io/system", "hotswap.mumoshu.github.io/namespace" };
        // The API lists ApplicationSets by name; the world file lists them in another order. The
        // server stamps a Job's creationTimestamp when the seeder creates it.
        var withoutBookkeeping = observed with
        {
            ClusterSecrets = observed.ClusterSecrets.Map(s => s with { Labels = s.Labels.Filter((k, _) => !bookkeeping.Contains(k)) }),
            Jobs = observed.Jobs.Map(j => j with { Created = HalfMigrated.Jobs.Find(j.Name).Bind(x => x.Created) }),
        };
        var expected = HalfMigrated with
        {
            Lifecycle = Prelude.Some(new SystemLifecycle(true, Prelude.None)),
            ApplicationSets = HalfMigrated.ApplicationSets.OrderBy(s => s.Name, StringComparer.Ordinal).ToSeq().Strict(),
        };
        foreach (var p in typeof(World).GetProperties())
            Assert.True(Equals(p.GetValue(expected), p.GetValue(withoutBookkeeping)), $"{p.Name} differs");
        Assert.Equal(expected, withoutBookkeeping);
    }

    [Fact]
    public void Without_aws_world_aws_is_read_through_the_aws_adapters_and_a_failure_is_an_error_not_a_plan()
    {
        var closed = Peer.FreePort();
        var saved = new[] { "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION" }
            .Select(k => (k, Environment.GetEnvironmentVariable(k))).ToList();
        try
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", $"http://127.0.0.1:{closed}");
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "secret");
            Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");

            var run = Cli.Run("plan", "--kubeconfig", server!.WriteKubeconfig(Path.Combine(dir, "kc-aws")), "-n", ControlPlane.Namespace,
                "mysystem", "--now", Now, "-o", "json");

            Assert.Equal(1, run.ExitCode);
            Assert.Equal("", run.Out);
            Assert.Contains("mysystem", run.Error);
        }
        finally
        {
            foreach (var (k, v) in saved) Environment.SetEnvironmentVariable(k, v);
        }
    }

    [Fact]
    public void A_missing_system_is_an_error_naming_it()
    {
        var run = Cli.Run("plan", "--kubeconfig", server!.WriteKubeconfig(Path.Combine(dir, "kc")), "-n", ControlPlane.Namespace,
            "nosuchsystem", "--aws-world", WorldFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nosuchsystem", run.Error);
        Assert.Contains("NotFound", run.Error);
    }

    [Fact]
    public void Naming_a_System_plans_live_through_KUBECONFIG_and_its_context_namespace()
    {
        var saved = Environment.GetEnvironmentVariable("KUBECONFIG");
        try
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", server!.WriteKubeconfig(Path.Combine(dir, "kc-env"), ControlPlane.Namespace));

            var live = Cli.Run("plan", "mysystem", "--aws-world", WorldFile, "--now", Now, "-o", "json");

            Assert.True(live.ExitCode == 0, live.Error);
            Assert.Equal(FromFile("-o", "json").Out, live.Out);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBECONFIG", saved);
        }
    }
}
