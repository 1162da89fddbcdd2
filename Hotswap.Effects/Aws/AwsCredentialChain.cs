using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Hotswap.Effects.Aws;

/// <summary>
/// Credentials as the AWS SDKs resolve them, through AWSSDK.Core: environment variables, the shared
/// config and credentials files (AWS_PROFILE), web identity (IRSA: AWS_ROLE_ARN +
/// AWS_WEB_IDENTITY_TOKEN_FILE, exchanged with STS through AWSSDK.SecurityToken), EKS Pod Identity
/// (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), and instance
/// metadata (IMDSv2). A cluster's eks.roleARN is assumed with STS on top of them.
/// </summary>
public static class AwsCredentialChain
{
    /// <summary>The default chain, resolved on first use (so a missing source fails the call, not start-up) and refreshed by the SDK.</summary>
    public static AWSCredentials Default() => new ChainCredentials();

    /// <summary>Credentials of <paramref name="roleArn"/>, assumed with <paramref name="source"/> (AssumeRole, session "hotswap").</summary>
    public static AWSCredentials AssumeRole(AWSCredentials source, string roleArn, string sessionName = "hotswap") =>
        new AssumeRoleAWSCredentials(source, roleArn, sessionName);

    /// <summary>AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then instance metadata; "us-east-1" when none says.</summary>
    public static string DefaultRegion()
    {
        var env = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (!string.IsNullOrEmpty(env)) return env;
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? "us-east-1";
        }
        catch (AmazonClientException)
        {
            return "us-east-1";
        }
    }

    private sealed class ChainCredentials : AWSCredentials
    {
        private readonly Lazy<AWSCredentials> resolved = new(() => new DefaultAWSCredentialsIdentityResolver().ResolveIdentity(null));

        public override ImmutableCredentials GetCredentials() => resolved.Value.GetCredentials();

        public override Task<ImmutableCredentials> GetCredentialsAsync() => resolved.Value.GetCredentialsAsync();
    }
}
