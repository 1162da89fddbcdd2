using System.Globalization;
using System.Text.RegularExpressions;

namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>
/// Reads the forward configuration out of an ELBv2 ModifyRule request body as AWS receives it
/// (Query protocol, form-encoded): the action whose <c>Actions.member.N.Type</c> is forward, its
/// <c>ForwardConfig.TargetGroups.member.M.TargetGroupArn</c>/<c>.Weight</c> in M's order, or its
/// lone <c>TargetGroupArn</c>. Written against the AWS API reference, not hotswap's client.
/// </summary>
public static partial class ModifyRuleBody
{
    /// <summary>The write this body makes; None when it is not a ModifyRule or has no forward action.</summary>
    public static Option<HistoryEvent.RuleWritten> Parse(string body, string writer = "")
    {
        var fields = Fields(body);
        if (!fields.TryGetValue("Action", out var action) || action != "ModifyRule") return None;
        if (!fields.TryGetValue("RuleArn", out var rule)) return None;
        var forward = fields.Where(f => f.Value == "forward" && ActionType().IsMatch(f.Key))
            .Select(f => f.Key[..^"Type".Length]).FirstOrDefault();
        if (forward is null) return None;
        var members = new SortedDictionary<int, (string? Arn, int? Weight)>();
        foreach (var (key, value) in fields)
        {
            var m = TargetGroupField().Match(key);
            if (!m.Success || !key.StartsWith(forward, StringComparison.Ordinal)) continue;
            var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var entry = members.GetValueOrDefault(n);
            members[n] = m.Groups[2].Value == "TargetGroupArn"
                ? entry with { Arn = value }
                : entry with { Weight = int.Parse(value, CultureInfo.InvariantCulture) };
        }
        var groups = members.Values.Select(t => new TargetGroupWeight(t.Arn ?? "", t.Weight)).ToList();
        if (groups.Count == 0 && fields.TryGetValue(forward + "TargetGroupArn", out var lone))
            groups.Add(new TargetGroupWeight(lone, null));
        return new HistoryEvent.RuleWritten(rule, groups, writer);
    }

    private static Dictionary<string, string> Fields(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Decode(p[0]), p => p.Length > 1 ? Decode(p[1]) : "", StringComparer.Ordinal);

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));

    [GeneratedRegex(@"^Actions\.member\.\d+\.Type$")]
    private static partial Regex ActionType();

    [GeneratedRegex(@"ForwardConfig\.TargetGroups\.member\.(\d+)\.(TargetGroupArn|Weight)$")]
    private static partial Regex TargetGroupField();
}
