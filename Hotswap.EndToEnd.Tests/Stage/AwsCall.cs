namespace Hotswap.EndToEnd.Tests.Stage;

/// <summary>
/// One AWS request as moto's side of <see cref="AwsRecorder"/> saw it.
/// </summary>
/// <param name="Sequence">Its place among every call the recorder saw (0, 1, 2, …).</param>
/// <param name="At">When it arrived (wall clock).</param>
/// <param name="Operation">"elbv2.ModifyRule", "eks.DescribeCluster", … (<see cref="Hotswap.Testing.Aws.FaultProxy.OperationOf"/>).</param>
/// <param name="AccessKeyId">The access key id of its SigV4 signature: which replica sent it.</param>
/// <param name="Body">The request body as sent (form-encoded for ELBv2).</param>
/// <param name="Status">moto's HTTP status.</param>
public sealed record AwsCall(long Sequence, DateTimeOffset At, string Operation, string AccessKeyId, string Body, int Status)
{
    /// <summary>ELBv2 writes and EKS writes: anything that is not a Describe/List/Get.</summary>
    public bool IsWrite
    {
        get
        {
            var action = Operation.Split('.', 2) is [_, var a] ? a : Operation;
            return !(action.StartsWith("Describe", StringComparison.Ordinal) || action.StartsWith("List", StringComparison.Ordinal)
                || action.StartsWith("Get", StringComparison.Ordinal));
        }
    }

    /// <summary>A form-encoded parameter of the body (e.g. "RuleArn"), or null.</summary>
    public string? Parameter(string name) => Parameters().TryGetValue(name, out var v) ? v : null;

    /// <summary>Every form-encoded parameter of the body, decoded.</summary>
    public IReadOnlyDictionary<string, string> Parameters() =>
        Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .GroupBy(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last() is [_, var v] ? Uri.UnescapeDataString(v.Replace('+', ' ')) : "", StringComparer.Ordinal);

    /// <summary>
    /// The forward weights a ModifyRule sets, by target group ARN, from its
    /// <c>Actions.member.N.ForwardConfig.TargetGroups.member.M.{TargetGroupArn,Weight}</c> (or the
    /// one-target-group <c>Actions.member.N.TargetGroupArn</c>, weight 1); empty when it sets no forward action.
    /// </summary>
    public IReadOnlyDictionary<string, int> ForwardWeights()
    {
        var p = Parameters();
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, arn) in p)
        {
            if (key.StartsWith("Actions.member.", StringComparison.Ordinal) && key.EndsWith(".TargetGroupArn", StringComparison.Ordinal))
            {
                var weightKey = key[..^".TargetGroupArn".Length] + ".Weight";
                // A forward config without weights, or the one-target-group form, weighs 1 (as ELBv2 reads it).
                weights[arn] = p.TryGetValue(weightKey, out var w) ? int.Parse(w, System.Globalization.CultureInfo.InvariantCulture) : 1;
            }
        }
        return weights;
    }
}
