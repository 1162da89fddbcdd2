using System.Text.Json;
using Amazon.Runtime;
using Hotswap.Effects.Aws;
using Hotswap.Testing.Aws;
using Microsoft.AspNetCore.Http;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>
/// The default credential chain (AWSSDK.Core's) resolving each source hotswap documents:
/// environment, shared files with a profile, IRSA web identity (STS at moto), EKS Pod Identity
/// (a loopback agent), IMDSv2 (a loopback metadata service), and a cluster's roleARN assumed with STS.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class CredentialChainTests(MotoFixture fixture) : IClassFixture<MotoFixture>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("hotswap-credentials-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Environment_variables_come_first()
    {
        using var _ = ProcessEnvironment.With(("AWS_ACCESS_KEY_ID", "AKIAENVIRONMENT00001"), ("AWS_SECRET_ACCESS_KEY", "env-secret"),
            ("AWS_SESSION_TOKEN", "env-token"));

        var credentials = AwsCredentialChain.Default().GetCredentials();

        Assert.Equal(("AKIAENVIRONMENT00001", "env-secret", "env-token"), (credentials.AccessKey, credentials.SecretKey, credentials.Token));
    }

    [Fact]
    public void A_profile_of_the_shared_credentials_file_is_used_when_AWS_PROFILE_names_it()
    {
        using var _ = ProcessEnvironment.With(("AWS_PROFILE", "hotswap"));
        var credentials = AwsCredentialChain.Default().GetCredentials();

        Assert.Equal("AKIAPROFILE000000001", credentials.AccessKey);
        Assert.Equal("eu-west-1", AwsCredentialChain.DefaultRegion());
    }

    [SkippableFact]
    public async Task IRSA_exchanges_the_service_account_token_with_STS()
    {
        fixture.Require();
        var token = File("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6aG90c3dhcDpob3Rzd2FwIn0.c2ln");
        using var _ = ProcessEnvironment.With(("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/hotswap-irsa"),
            ("AWS_WEB_IDENTITY_TOKEN_FILE", token), ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_STS", fixture.Proxy.Url.ToString().TrimEnd('/')));

        var credentials = await AwsCredentialChain.Default().GetCredentialsAsync();

        Assert.StartsWith("ASIA", credentials.AccessKey);
        Assert.True(credentials.UseToken);
        Assert.Equal(1, fixture.Proxy.Count("POST /") + fixture.Proxy.Count("sts.AssumeRoleWithWebIdentity"));
    }

    [Fact]
    public async Task EKS_Pod_Identity_reads_the_agent_with_the_token_file()
    {
        var seen = new List<string>();
        await using var agent = await LoopbackServer.StartAsync(async ctx =>
        {
            seen.Add(ctx.Request.Headers.Authorization.ToString());
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                AccessKeyId = "ASIAPODIDENTITY00001", SecretAccessKey = "pod-secret", Token = "pod-token",
                AccountId = "123456789012", Expiration = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            }));
        });
        var token = File("eks-pod-identity-token", "pod-identity-service-account-token");
        using var _ = ProcessEnvironment.With(("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(agent.Url, "v1/credentials").ToString()),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token));

        var credentials = await AwsCredentialChain.Default().GetCredentialsAsync();

        Assert.Equal(("ASIAPODIDENTITY00001", "pod-token"), (credentials.AccessKey, credentials.Token));
        Assert.Contains("pod-identity-service-account-token", seen);
    }

    [SkippableFact]
    public async Task A_clusters_roleARN_is_assumed_with_STS_on_top_of_the_chain()
    {
        fixture.Require();
        using var _ = ProcessEnvironment.With(("AWS_ACCESS_KEY_ID", MotoServer.AccessKey), ("AWS_SECRET_ACCESS_KEY", MotoServer.SecretKey),
            ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_STS", fixture.Proxy.Url.ToString().TrimEnd('/')));

        var assumed = await AwsCredentialChain.AssumeRole(AwsCredentialChain.Default(), "arn:aws:iam::123456789012:role/hotswap-eks-access")
            .GetCredentialsAsync();

        Assert.StartsWith("ASIA", assumed.AccessKey);
        Assert.NotEqual(MotoServer.AccessKey, assumed.AccessKey);
        Assert.Equal(1, fixture.Proxy.Count("sts.AssumeRole"));
    }

    [Fact]
    public async Task Instance_metadata_is_read_with_an_IMDSv2_session_token()
    {
        var requests = new List<string>();
        await using var imds = await LoopbackServer.StartAsync(async ctx =>
        {
            var path = (ctx.Request.Path.Value ?? "").TrimEnd('/');
            var token = ctx.Request.Headers["X-aws-ec2-metadata-token"].ToString();
            requests.Add($"{ctx.Request.Method} {path} token={(token.Length > 0 ? "yes" : "no")}");
            if (ctx.Request.Method == "PUT" && path == "/latest/api/token")
            {
                await ctx.Response.WriteAsync("imds-session-token");
                return;
            }
            if (token != "imds-session-token")
            {
                ctx.Response.StatusCode = 401;
                return;
            }
            if (path == "/latest/meta-data/iam/security-credentials")
                await ctx.Response.WriteAsync("hotswap-node-role");
            else if (path == "/latest/meta-data/iam/security-credentials/hotswap-node-role")
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    Code = "Success", Type = "AWS-HMAC", AccessKeyId = "ASIAINSTANCEPROFILE1", SecretAccessKey = "imds-secret",
                    Token = "imds-token", LastUpdated = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                    Expiration = DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-ddTHH:mm:ssZ"),
                }));
            else if (path == "/latest/meta-data/iam/info")
                await ctx.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    Code = "Success", LastUpdated = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                    InstanceProfileArn = "arn:aws:iam::123456789012:instance-profile/hotswap", InstanceProfileId = "AIPAEXAMPLE",
                }));
            else
                ctx.Response.StatusCode = 404;
        });
        using var _ = ProcessEnvironment.With(("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.Url.ToString().TrimEnd('/')), ("AWS_EC2_METADATA_DISABLED", "false"));

        ImmutableCredentials credentials;
        try
        {
            credentials = await AwsCredentialChain.Default().GetCredentialsAsync();
        }
        catch (AmazonClientException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nrequests: {string.Join("; ", requests)} endpoint {Amazon.Util.EC2InstanceMetadata.ServiceEndpoint}");
        }

        Assert.Equal(("ASIAINSTANCEPROFILE1", "imds-token"), (credentials.AccessKey, credentials.Token));
        Assert.Contains("PUT /latest/api/token token=no", requests);
        Assert.Contains("GET /latest/meta-data/iam/security-credentials/hotswap-node-role token=yes", requests);
    }
}
