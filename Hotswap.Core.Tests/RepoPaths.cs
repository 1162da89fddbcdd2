namespace Hotswap.Core.Tests;

/// <summary>Files in the repository, found from the test binary by walking up to Hotswap.sln.</summary>
public static class RepoPaths
{
    public static readonly string Root = FindRoot(AppContext.BaseDirectory);

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    public static string ReadExample(string name) => File.ReadAllText(Example(name));

    static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Hotswap.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Hotswap.sln above {start}");
    }
}
