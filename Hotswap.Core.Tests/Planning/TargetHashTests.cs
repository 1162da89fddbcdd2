using Hotswap.Core.Observed;
using Hotswap.Core.Planning;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Tests.Planning;

/// <summary>
/// An application's target (where its migration goes) is the hash of
/// "name|updateStrategy|desired secrets|their target groups|rule"; the planner feeds it piece by
/// piece rather than joining the string. A recorded target must not change with that.
/// </summary>
public sealed class TargetHashTests
{
    [Fact]
    public void Feeding_pieces_hashes_as_the_joined_text()
    {
        var random = new Random(20261205);
        for (var n = 0; n < 2_000; n++)
        {
            var pieces = Enumerable.Range(0, random.Next(0, 6))
                .Select(_ => new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => (char)random.Next(0, 0x3000)).ToArray()))
                .ToArray();
            var fed = pieces.Aggregate(new Hashing.Fnv(), (h, p) => h.Add(p).Add('|'));
            Assert.Equal(Hashing.Of(string.Concat(pieces.Select(p => p + "|"))), fed.Hex());
        }
        Assert.Equal(Hashing.Of(""), new Hashing.Fnv().Hex());
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "target groups from labels", $"web|CreateBeforeDelete|mysystem-web-1,mysystem-web-2|{Some.TargetGroupArn("web-1")},{Some.TargetGroupArn("web-2")}|{Some.ListenerArn}#10/10/100" },
        { "a target group not known yet", $"web|CreateBeforeDelete|mysystem-web-1,mysystem-web-2|?,{Some.TargetGroupArn("web-2")}|{Some.ListenerArn}#10/10/100" },
        { "no alb", "web|CreateBeforeDelete|mysystem-web-1,mysystem-web-2|-,-|no-alb" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void The_target_is_the_hash_of_the_canonical_text(string name, string canonical)
    {
        var spec = name switch
        {
            "a target group not known yet" => Some.System.WithCluster(0, c => c with { Labels = c.Labels.Remove("targetGroupARN") }),
            "no alb" => Some.System.WithApp(0, a => a with { Alb = None }),
            _ => Some.System,
        };
        var context = ApplicationContext.Build(spec, spec.Applications[0], World.Empty, SystemStatus.Initial);
        Assert.Equal((name, Hashing.Of(canonical)), (name, context.Target));
    }
}
