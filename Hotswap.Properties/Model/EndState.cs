using Hotswap.Core.Observed;
using Hotswap.Core.Spec;

namespace Hotswap.Properties.Model;

/// <summary>What a migration leaves behind per application: its members and its rule's forward config.</summary>
public sealed record EndState(HashMap<string, ApplicationRevision> Applications)
{
    public static EndState Of(SystemSpec spec, World world) => new(spec.Applications.Map(a => (a.Name, Of(a, world))).ToHashMap());

    public static ApplicationRevision Of(ApplicationSpec app, World world) => new(
        world.ClusterSecrets.Values.Filter(s => s.Memberships.Contains(app.ArgoCd.ClusterSecret.Name))
            .Map(s => s.Name).OrderBy(n => n, StringComparer.Ordinal).ToSeq().Strict(),
        app.Alb.Bind(a => world.Rules.Find(new RuleKey(a.ListenerArn, a.Priority))).Map(r => r.Forward));

    public override string ToString() =>
        string.Join(" | ", Applications.OrderBy(kv => kv.Key).Select(kv =>
            $"{kv.Key}: [{string.Join(",", kv.Value.Members)}] {kv.Value.Forward.Map(f => f.ToString()).IfNone("-")}"));
}
