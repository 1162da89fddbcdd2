namespace Hotswap.Integration.Tests.Aws;

/// <summary>Tests that set process environment variables (the AWS credential chain reads them) run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "process environment";

    /// <summary>The AWS variables a test may set; each test starts with none of them and ends restoring them.</summary>
    public static readonly string[] AwsVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_DISABLED",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS",
    ];

    /// <summary>
    /// The shared config and credentials files the tests point the SDK at: one pair per process,
    /// written once and never changed, since AWSSDK.Core remembers their paths and contents. They
    /// hold only the profile "hotswap" (no default), so the chain uses them only when AWS_PROFILE=hotswap.
    /// </summary>
    public static readonly string SharedFiles = Path.Combine(Path.GetTempPath(), $"hotswap-aws-{Environment.ProcessId}");

    public static string ConfigFile => Path.Combine(SharedFiles, "config");

    public static string CredentialsFile => Path.Combine(SharedFiles, "credentials");

    /// <summary>Clears the AWS variables, sets <paramref name="values"/>, and restores everything on dispose.</summary>
    public static IDisposable With(params (string Name, string Value)[] values)
    {
        var saved = AwsVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        foreach (var v in AwsVariables) Environment.SetEnvironmentVariable(v, null);
        WriteSharedFiles();
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigFile);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        foreach (var (name, value) in values) Environment.SetEnvironmentVariable(name, value);
        ForgetSdkState();
        return new Restore(saved);
    }

    private static readonly object Lock = new();

    private static void WriteSharedFiles()
    {
        lock (Lock)
        {
            if (File.Exists(CredentialsFile)) return;
            Directory.CreateDirectory(SharedFiles);
            File.WriteAllText(ConfigFile, "[profile hotswap]\nregion = eu-west-1\n");
            File.WriteAllText(CredentialsFile, "[hotswap]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = p\n");
        }
    }

    /// <summary>AWSSDK.Core reads the profile files and the environment once per process; these resets make it read them again.</summary>
    private static void ForgetSdkState()
    {
        Amazon.Runtime.Internal.FallbackInternalConfigurationFactory.Reset();
        Amazon.Runtime.FallbackRegionFactory.Reset();
#pragma warning disable CS0618 // the deprecated factory still holds a process-wide cache
        Amazon.Runtime.FallbackCredentialsFactory.Reset();
#pragma warning restore CS0618
    }

    private sealed class Restore(Dictionary<string, string?> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
            ForgetSdkState();
        }
    }
}
