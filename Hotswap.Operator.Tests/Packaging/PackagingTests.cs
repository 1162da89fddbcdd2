using System.Diagnostics;
using System.Text.Json.Nodes;
using Hotswap.Operator.Install;
using Xunit.Abstractions;
using static Hotswap.Operator.Tests.Install.Rendered;

namespace Hotswap.Operator.Tests.Packaging;

/// <summary>
/// How hotswap ships, tried for real: the Dockerfile's build stage replayed without Docker (its
/// COPY instructions through .dockerignore into a fresh folder, then its RUN commands), and the
/// published executable run; the CLI packed as a .NET tool, installed with <c>dotnet tool
/// install --add-source</c>, and run. One class, so the two builds never run at once. Each test
/// prints how long it took.
/// </summary>
public sealed class PackagingTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("hotswap-packaging-").FullName;
    private static readonly Dockerfile Docker = Dockerfile.Read(RepoFiles.Root);

    public void Dispose()
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The two stages: an SDK stage that publishes, a chiseled runtime stage that runs it as the Deployment's user.</summary>
    [Fact]
    public void The_dockerfile_publishes_in_the_sdk_and_runs_non_root_in_the_runtime_image()
    {
        Assert.Equal(2, Docker.Stages.Count);
        Assert.Contains("mcr.microsoft.com/dotnet/sdk:", Docker.Last(0, "FROM"));
        Assert.Contains("dotnet publish Hotswap.Operator/Hotswap.Operator.csproj", string.Join("\n", Docker.All(0, "RUN").Select(r => r.Arguments)));
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(runtime|aspnet):\$\{DOTNET_VERSION\}-noble-chiseled$", Docker.Last(1, "FROM"));
        Assert.Equal("""["dotnet", "hotswap.dll"]""", Docker.Last(1, "ENTRYPOINT"));
        Assert.Equal("""["run"]""", Docker.Last(1, "CMD"));
        var user = Docker.Last(1, "USER");
        Assert.Matches("^[0-9]+$", user);
        var runAs = Container(Base())["securityContext"]!["runAsUser"]!.GetValue<int>();
        Assert.Equal(runAs.ToString(System.Globalization.CultureInfo.InvariantCulture), user);
    }

    /// <summary>
    /// The build stage, replayed: only what it COPYs (through .dockerignore), then its RUN
    /// commands with /app moved into a temporary folder. The output runs <c>hotswap --help</c> and
    /// <c>hotswap install</c> (deploy/ embedded), and the runtime image serves the frameworks the
    /// output asks for (ASP.NET Core, which hotswap run's Kestrel needs, only the aspnet image has).
    /// </summary>
    [Fact]
    public async Task The_dockerfile_s_build_stage_publishes_an_executable_that_runs()
    {
        var clock = Stopwatch.StartNew();
        var src = Path.Combine(dir, "src");
        var app = Path.Combine(dir, "app");
        Directory.CreateDirectory(src);
        Docker.CopyContext(0, RepoFiles.Root, src);
        Assert.False(Directory.Exists(Path.Combine(src, "Hotswap.Operator", "bin")), ".dockerignore let bin/ into the context");
        var environment = Docker.All(0, "ENV")
            .SelectMany(e => System.Text.RegularExpressions.Regex.Matches(e.Arguments, @"(\w+)=(\S+)").Select(m => (m.Groups[1].Value, m.Groups[2].Value)))
            .ToDictionary(kv => kv.Item1, kv => kv.Item2);

        foreach (var run in Docker.All(0, "RUN"))
        {
            var args = run.Arguments.Replace(" /app", $" {app}").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("dotnet", args[0]);
            var result = await Processes.Run(Dotnet, args[1..], src, environment, TimeSpan.FromMinutes(5));
            output.WriteLine($"RUN {run.Arguments}: {result.Took.TotalSeconds:F1} s");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        var help = await Processes.Run(Dotnet, [Path.Combine(app, "hotswap.dll"), "--help"], dir);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("install", help.Out);
        var install = await Processes.Run(Dotnet, [Path.Combine(app, "hotswap.dll"), "install"], dir);
        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Equal(Base().Select(Id), Objects(install.Out).Select(Id));

        var runtimeConfig = JsonNode.Parse(File.ReadAllText(Path.Combine(app, "hotswap.runtimeconfig.json")))!["runtimeOptions"]!;
        var frameworks = (runtimeConfig["frameworks"]?.AsArray().Select(f => f!["name"]!.GetValue<string>())
            ?? [runtimeConfig["framework"]!["name"]!.GetValue<string>()]).ToList();
        // The aspnet image carries the plain runtime too; the runtime image lacks ASP.NET Core.
        if (frameworks.Contains("Microsoft.AspNetCore.App"))
            Assert.Contains("mcr.microsoft.com/dotnet/aspnet:", Docker.Last(1, "FROM"));
        Assert.All(frameworks, f => Assert.Contains(f, new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" }));
        Assert.False(File.Exists(Path.Combine(app, "hotswap")), "an apphost is native to the build machine; the image runs the portable dll");
        output.WriteLine($"build stage replayed and run in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>
    /// <c>dotnet pack</c>, then <c>dotnet tool install --tool-path DIR --add-source DIR Hotswap.Cli</c>,
    /// then the installed <c>hotswap</c>: --help, install (the embedded base) and crds (which
    /// needs Hotswap.Core's XML documentation next to it).
    /// </summary>
    [Fact]
    public async Task The_cli_packs_as_a_dotnet_tool_that_installs_and_runs()
    {
        var clock = Stopwatch.StartNew();
        var packages = Path.Combine(dir, "packages");
        var tools = Path.Combine(dir, "tools");
        var pack = await Processes.Run(Dotnet,
            ["pack", RepoFiles.PathOf("Hotswap.Operator", "Hotswap.Operator.csproj"), "-c", "Release", "--no-restore", "-o", packages],
            RepoFiles.Root);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        Assert.StartsWith("Hotswap.Cli.", Path.GetFileName(package));
        output.WriteLine($"dotnet pack: {pack.Took.TotalSeconds:F1} s");

        var install = await Processes.Run(Dotnet,
            ["tool", "install", "--tool-path", tools, "--add-source", packages, "Hotswap.Cli"], dir);
        Assert.True(install.ExitCode == 0, install.ToString());
        output.WriteLine($"dotnet tool install: {install.Took.TotalSeconds:F1} s");

        var hotswap = Path.Combine(tools, OperatingSystem.IsWindows() ? "hotswap.exe" : "hotswap");
        var help = await Processes.Run(hotswap, ["--help"], dir);
        Assert.True(help.ExitCode == 0, help.ToString());
        Assert.Contains("hot-swap whole EKS clusters", help.Out);
        var manifests = await Processes.Run(hotswap, ["install", "--namespace", "ops"], dir);
        Assert.True(manifests.ExitCode == 0, manifests.ToString());
        Assert.Equal(InstallManifests.Yaml(InstallManifests.Render(DeployFiles.FromDirectory(RepoFiles.PathOf("deploy")),
            InstallManifests.Defaults(DeployFiles.FromDirectory(RepoFiles.PathOf("deploy"))) with { Namespace = "ops" })), manifests.Out);
        var crds = await Processes.Run(hotswap, ["crds"], dir);
        Assert.True(crds.ExitCode == 0, crds.ToString());
        Assert.Equal(4, Objects(crds.Out).Count);
        output.WriteLine($"packed, installed and run in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
