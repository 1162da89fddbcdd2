using Hotswap.Core;
using Hotswap.Core.Observed;
using LanguageExt.ClassInstances;

namespace Hotswap.Core.Tests;

/// <summary>
/// LanguageExt's catalogue of type-class instances stays empty (<see cref="TypeClassCatalogue"/>),
/// and the comparisons the planners make still see values, not references.
/// </summary>
public sealed class TypeClassCatalogueTests
{
    private sealed record Member(string Name, Seq<string> Labels);

    [Fact]
    public void Using_Hotswap_Core_leaves_LanguageExt_without_scanning_the_referenced_assemblies()
    {
        // Force a lookup that used to build the catalogue: equality of a Seq of records.
        Assert.Equal(Seq1(new Member("a", Seq1("x"))), Seq1(new Member("a", Seq1("x"))));

        // The scan would have found at least LanguageExt's own instances (EqSeq, OrdOption, …).
        Assert.NotNull(ClassInstancesAssembly.singleton);
        Assert.Empty(ClassInstancesAssembly.Default.Types);
        Assert.Empty(ClassInstancesAssembly.Default.AllClassInstances);
    }

    [Fact]
    public void Sequences_maps_and_options_of_records_still_compare_by_value()
    {
        Seq<Member> Members() => Seq(new Member("web-1-v1", Seq1("role=web")), new Member("web-1-v2", Seq1("role=web")));
        Assert.True(Members() == Members());
        Assert.Equal(Members().GetHashCode(), Members().GetHashCode());
        Assert.NotEqual(Members(), Members().Add(new Member("web-2-v2", Seq<string>())));

        HashMap<string, Member> Map() => HashMap(("a", new Member("a", Seq1("x"))), ("b", new Member("b", Seq<string>())));
        Assert.Equal(Map(), Map());
        Assert.NotEqual(Map(), Map().SetItem("b", new Member("b", Seq1("y"))));
        Assert.Equal(Map().GetHashCode(), Map().GetHashCode());

        Assert.Equal(Some(new Member("a", Seq1("x"))), Some(new Member("a", Seq1("x"))));
        Assert.True(Some(2).CompareTo(Some(3)) < 0 && Option<int>.None.CompareTo(Some(0)) < 0);
        Assert.Equal(Seq("b", "a", "c").OrderBy(s => s).ToSeq(), Seq("a", "b", "c"));

        // A value the planners compare every reconcile: a rule's forward config.
        var weights = ForwardConfig.Of([new TargetGroupWeight("tg-1", 70), new TargetGroupWeight("tg-2", 30)]);
        Assert.Equal(weights, ForwardConfig.Of([new TargetGroupWeight("tg-2", 30), new TargetGroupWeight("tg-1", 70)]));
        Assert.NotEqual(weights, ForwardConfig.Of([new TargetGroupWeight("tg-1", 60), new TargetGroupWeight("tg-2", 40)]));
    }
}
