using System.Text;
using Amazon.Runtime;
using Hotswap.Effects.Aws;

namespace Hotswap.Integration.Tests.Aws;

/// <summary>
/// SigV4 and EKS tokens checked against botocore and `aws eks get-token` (the AWS CLI on the
/// machine) for a fixed date, region and credentials, and against aws-iam-authenticator's rules.
/// </summary>
public sealed class SigningTests
{
    private static readonly DateTime Fixed = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLE//token+with/slashes==";

    private static ImmutableCredentials Credentials(bool session) => new(AccessKey, SecretKey, session ? SessionToken : null);

    /// <summary>botocore's Authorization header for the same request, signed at <see cref="Fixed"/>.</summary>
    private static Task<string> BotocoreAsync(string method, string url, string body, string? contentType, string service, bool session) =>
        Python.RunAsync("""
            import sys, datetime, botocore.auth
            from botocore.awsrequest import AWSRequest
            from botocore.credentials import Credentials
            botocore.auth.get_current_datetime = lambda remove_tzinfo=True: datetime.datetime(2026, 1, 2, 3, 4, 5)
            method, url, body, ctype, service, token = sys.argv[1:7]
            headers = {'Content-Type': ctype} if ctype else {}
            req = AWSRequest(method=method, url=url, data=body.encode() if body else None, headers=headers)
            botocore.auth.SigV4Auth(Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', token or None), service, 'us-east-1').add_auth(req)
            print(req.headers['Authorization'])
            """, null, method, url, body, contentType ?? "", service, session ? SessionToken : "");

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Query_POST_is_signed_as_botocore_signs_it(bool session)
    {
        Peer.Require("python3");
        const string url = "https://elasticloadbalancing.us-east-1.amazonaws.com/";
        const string type = "application/x-www-form-urlencoded; charset=utf-8";
        var body = Encoding.UTF8.GetString(AwsTransport.FormBody([
            ("Action", "DescribeRules"), ("Version", "2015-12-01"),
            ("ListenerArn", "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/mysystem/50dc6c495c0c9188/f2f7dc8efc522ab2")]));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);

        SigV4.Sign(request, Encoding.UTF8.GetBytes(body), Credentials(session), "us-east-1", "elasticloadbalancing", Fixed);

        Assert.Equal((await BotocoreAsync("POST", url, body, type, "elasticloadbalancing", session)).Trim(),
            request.Headers.GetValues("Authorization").Single());
    }

    [SkippableFact]
    public async Task A_REST_GET_with_a_query_is_signed_as_botocore_signs_it()
    {
        Peer.Require("python3");
        const string url = "http://127.0.0.1:4566/clusters?maxResults=3&nextToken=a%2Fb%3D%3D";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);

        SigV4.Sign(request, [], Credentials(false), "us-east-1", "eks", Fixed);

        Assert.Equal((await BotocoreAsync("GET", url, "", null, "eks", false)).Trim(),
            request.Headers.GetValues("Authorization").Single());
    }

    [SkippableTheory]
    [InlineData("us-west-2", false)]
    [InlineData("eu-central-1", true)]
    public async Task The_EKS_token_is_what_aws_eks_get_token_prints(string region, bool session)
    {
        Peer.Require("python3");
        Peer.Require("aws");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = AccessKey, ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
            ["AWS_CONFIG_FILE"] = "/dev/null", ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
        };
        if (session) environment["AWS_SESSION_TOKEN"] = SessionToken;
        var cli = await Python.RunAsync("""
            import sys, datetime, json, io, contextlib, botocore.auth
            botocore.auth.get_current_datetime = lambda remove_tzinfo=True: datetime.datetime(2026, 1, 2, 3, 4, 5)
            from awscli.clidriver import main
            sys.argv = ['aws', 'eks', 'get-token', '--cluster-name', 'mycluster-web-1-v2', '--region', sys.argv[1], '--output', 'json']
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                code = main()
            print(json.loads(out.getvalue())['status']['token'])
            """, environment, region);

        var ours = EksTokenSource.Create(Credentials(session), region, "mycluster-web-1-v2", Fixed);

        Assert.Equal(cli.Trim(), ours.Value);
    }

    /// <summary>What aws-iam-authenticator's verifier accepts (pkg/token/token.go).</summary>
    [Fact]
    public void The_EKS_token_passes_aws_iam_authenticators_checks()
    {
        var token = EksTokenSource.Create(Credentials(true), "us-east-1", "mycluster-web-1-v2", Fixed).Value;

        Assert.StartsWith("k8s-aws-v1.", token);
        var encoded = token["k8s-aws-v1.".Length..];
        Assert.DoesNotContain("=", encoded);
        var url = new Uri(Encoding.UTF8.GetString(Convert.FromBase64String(
            encoded.Replace('-', '+').Replace('_', '/') + new string('=', (4 - encoded.Length % 4) % 4))));
        var query = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        string[] allowed = ["action", "version", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
            "x-amz-security-token", "x-amz-signature", "x-amz-signedheaders"];

        Assert.Equal("https", url.Scheme);
        Assert.Matches(@"^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$", url.Host);
        Assert.Equal("/", url.AbsolutePath);
        Assert.All(query.Keys, k => Assert.Contains(k.ToLowerInvariant(), allowed));
        Assert.Equal("GetCallerIdentity", query["Action"]);
        Assert.Equal("2011-06-15", query["Version"]);
        Assert.Contains("x-k8s-aws-id", query["X-Amz-SignedHeaders"].Split(';'));
        Assert.InRange(int.Parse(query["X-Amz-Expires"]), 0, 900);
        Assert.Equal("20260102T030405Z", query["X-Amz-Date"]);
        Assert.Equal(SessionToken, query["X-Amz-Security-Token"]);
        Assert.StartsWith($"{AccessKey}/20260102/us-east-1/sts/aws4_request", query["X-Amz-Credential"]);
    }

    [Fact]
    public async Task Tokens_are_cached_and_made_again_14_minutes_after_signing()
    {
        var now = new DateTimeOffset(Fixed);
        var source = new EksTokenSource(new BasicAWSCredentials(AccessKey, SecretKey), "us-east-1", () => now);

        var first = await source.GetAsync("c");
        now += TimeSpan.FromMinutes(13) + TimeSpan.FromSeconds(59);
        var cached = await source.GetAsync("c");
        var other = await source.GetAsync("d");
        now += TimeSpan.FromSeconds(1);
        var renewed = await source.GetAsync("c");

        Assert.Same(first, cached);
        Assert.NotEqual(first.Value, other.Value);
        Assert.NotEqual(first.Value, renewed.Value);
        Assert.Equal(now + EksTokenSource.Lifetime, renewed.RefreshAfter);
        Assert.DoesNotContain(SecretKey, first.ToString());
    }
}
