namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>Where the hotswap executable the tests start lives, and the dotnet host that runs it.</summary>
public static class Dotnet
{
    /// <summary>
    /// The dotnet host: the one running these tests (<c>dotnet test</c> sets DOTNET_HOST_PATH),
    /// else "dotnet" from PATH.
    /// </summary>
    public static string Host { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>hotswap.dll, the Operator project's build output, copied beside the tests by the project reference.</summary>
    public static string Hotswap { get; } = Path.Combine(AppContext.BaseDirectory, "hotswap.dll");
}
