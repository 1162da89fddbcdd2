using Hotswap.Core.Observed;
using Hotswap.Effects.Ports;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// EKS and ELBv2 as a world file recorded them (docs/world.md): DescribeCluster answers from
/// <c>eksClusters</c>, DescribeRules from <c>rules</c>. Read-only: ModifyRule fails. For
/// <c>hotswap plan --kubeconfig --aws-world</c> and tests that observe a live Kubernetes API with
/// AWS taken from a snapshot.
/// </summary>
public sealed class RecordedAws(World world) : IEks, ILoadBalancer
{
    public Task<ListClustersPage> ListClustersAsync(Option<string> nextToken, CancellationToken cancellation = default) =>
        Task.FromResult(new ListClustersPage(world.EksClusters.Keys.OrderBy(k => k, StringComparer.Ordinal).ToSeq().Strict(), None));

    public Task<EksClusterDescription> DescribeClusterAsync(string name, CancellationToken cancellation = default) =>
        world.EksClusters.Find(name).Match(
            c => Task.FromResult(new EksClusterDescription(
                c.Name, c.Arn.IfNone(""), c.State.ToString().ToUpperInvariant(), c.Endpoint, c.CertificateAuthority)),
            () => throw new PortException(PortErrorKind.NotFound, $"ResourceNotFoundException: No cluster found for name: {name}."));

    public Task<DescribeRulesPage> DescribeRulesAsync(string listenerArn, Option<string> marker, CancellationToken cancellation = default) =>
        Task.FromResult(new DescribeRulesPage(
            world.Rules.Values.Filter(r => r.Key.ListenerArn == listenerArn).OrderBy(r => r.Key.Priority)
                .Map(r => new RuleDescription(r.RuleArn, r.Key.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture), false,
                    Seq1(new RuleAction("forward", None, Some(new ForwardActionConfig(
                        r.Forward.TargetGroups.Map(t => new TargetGroupTuple(t.Arn, Some(t.Weight))).Strict(), None))))))
                .ToSeq().Strict(),
            None));

    public Task ModifyRuleAsync(string ruleArn, Seq<RuleAction> actions, CancellationToken cancellation = default) =>
        throw new PortException(PortErrorKind.Validation, $"ModifyRule {ruleArn}: the recorded AWS of a world file is read-only");

    /// <summary>As many healthy targets as the world's HealthyTargets says; a world file that records none cannot answer.</summary>
    public Task<Seq<TargetHealthDescription>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellation = default) =>
        world.HealthyTargets.Find(targetGroupArn).Match(
            n => Task.FromResult(Range(1, n).Map(i => new TargetHealthDescription($"10.0.0.{i}", Some(80), "healthy", "")).ToSeq().Strict()),
            () => throw new PortException(PortErrorKind.NotFound,
                $"DescribeTargetHealth {targetGroupArn}: the world file records no target health for this target group"));
}
