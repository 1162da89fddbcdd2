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

    /// <summary>Clears the AWS variables, sets <paramref name="values"/>, and restores everything on dispose.</summary>
    public static IDisposable With(params (string Name, string Value)[] values)
    {
        var saved = AwsVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        foreach (var v in AwsVariables) Environment.SetEnvironmentVariable(v, null);
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", "/nonexistent/config");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        foreach (var (name, value) in values) Environment.SetEnvironmentVariable(name, value);
        return new Restore(saved);
    }

    private sealed class Restore(Dictionary<string, string?> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }
}
