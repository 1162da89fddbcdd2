using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Status;
using Hotswap.Effects;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Tests.Observability;

/// <summary>Named fixtures: the reference System's web application at a step, and reports of it.</summary>
public static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 3, 12, TimeSpan.Zero);
    public const string V1 = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web-v1/6d0ecf831eec9f09";
    public const string V2 = "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web-v2/9f09ecf8316d0ecf";
    public static readonly RuleKey Rule = new("arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2", 10);

    public static ApplicationStatus Web(ApplicationPhase phase, int step, params (string Arn, int Weight)[] weights) =>
        new("web", phase, $"step {step}/10", step, 10, None, None, "target-hash",
            weights.Length == 0 ? None : Some(ForwardConfig.Of(weights.Select(w => new TargetGroupWeight(w.Arn, w.Weight)))));

    public static SystemStatus System(SystemPhase phase, params ApplicationStatus[] applications) =>
        new(3, phase, "", "0/1 synced", Seq<Condition>(), applications.ToSeq(), None);

    public static ObjectReport Report(ObjectKey key, object? status, params Outcome[] outcomes) =>
        new(key, Now, None, outcomes.Select(o => o.Command).ToSeq(), outcomes.ToSeq(), Optional(status),
            Seq<StatusWriteFailure>(), None, false, Some(TimeSpan.FromSeconds(30)));

    public static Outcome SetWeights(int v1, int v2) =>
        Outcome.Done(new Command.SetForwardWeights("web", Rule, ForwardConfig.Of([new TargetGroupWeight(V1, v1), new TargetGroupWeight(V2, v2)])));
}
