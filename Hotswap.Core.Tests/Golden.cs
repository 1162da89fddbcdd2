using Xunit;

namespace Hotswap.Core.Tests;

/// <summary>
/// Golden files: reviewed outputs kept beside the tests. A mismatch fails with both texts; run
/// with HOTSWAP_UPDATE_GOLDEN=1 to rewrite them, then review the diff like code.
/// </summary>
public static class Golden
{
    public static void Assert(string name, string actual)
    {
        var path = Path.Combine(RepoFiles.Root, "Hotswap.Core.Tests", "Golden", name);
        var normalised = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("HOTSWAP_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalised);
            return;
        }
        Xunit.Assert.True(File.Exists(path), $"no golden file {path}; run with HOTSWAP_UPDATE_GOLDEN=1 and review it");
        Xunit.Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), normalised);
    }
}
