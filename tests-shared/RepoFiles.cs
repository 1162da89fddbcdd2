namespace Hotswap.Testing;

/// <summary>
/// Files of this repository, found by walking up from the test binaries to Hotswap.sln. One file,
/// compiled into every test project (see Directory.Build.props).
/// </summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hotswap.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"no Hotswap.sln above {AppContext.BaseDirectory}");
    }
}
