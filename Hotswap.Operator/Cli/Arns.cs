using System.Text.RegularExpressions;

namespace Hotswap.Operator.Cli;

/// <summary>Display-only shortening of ELBv2 ARNs: the resource part is what a person recognises.</summary>
public static partial class Arns
{
    /// <summary>
    /// "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-1-v2/73e2d6bc24d8a067"
    /// → "targetgroup/web-1-v2"; a listener ARN → "listener/app/mysystem".
    /// </summary>
    public static string Shorten(string text) => ElbArn().Replace(text, m => m.Groups["short"].Value);

    [GeneratedRegex(@"arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d+:(?<short>(targetgroup/[^/\s]+)|(listener/app/[^/\s]+))(/[0-9a-f]+)+")]
    private static partial Regex ElbArn();
}
