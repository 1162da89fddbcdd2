namespace Hotswap.Testing;

/// <summary>
/// Files of this repository, found by walking up from the test binaries to Hotswap.sln. One file,
/// compiled into every test project (see Directory.Build.props).
/// </summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The project's shared/ folder (upstream schemas): beside the repository, as CI and the
    /// developers lay it out, or where HOTSWAP_SHARED points.
    /// </summary>
    public static string Shared { get; } =
        Environment.GetEnvironmentVariable("HOTSWAP_SHARED") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>A file under shared/, e.g. SharedPath("upstream", "argocd", "application-crd.yaml").</summary>
    public static string SharedPath(params string[] parts) => Path.Combine([Shared, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hotswap.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"no Hotswap.sln above {AppContext.BaseDirectory}");
    }
}
