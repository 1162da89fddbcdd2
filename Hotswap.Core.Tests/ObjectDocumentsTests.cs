using Hotswap.Core.Documents;
using Hotswap.Core.Observed;

namespace Hotswap.Core.Tests;

/// <summary>The JSON the Kubernetes adapters write for spec and status reads back to equal records.</summary>
public class ObjectDocumentsTests
{
    private static T Ok<T>(Validation<Spec.SpecError, T> v) =>
        v.Match(x => x, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e.Map(x => x.ToString()))));

    private static readonly World Rich = SampleWorld.Rich();

    [Fact]
    public void Every_child_of_a_rich_world_round_trips_through_its_spec_and_status_json()
    {
        Assert.NotEmpty(Rich.ArgoCDClusters);
        Assert.NotEmpty(Rich.Deployments);
        Assert.NotEmpty(Rich.Checks);
        foreach (var o in Rich.ArgoCDClusters.Values)
            Assert.Equal(o, Ok(ObjectDocuments.ArgoCDCluster(
                ObjectDocuments.ArgoCDClusterSpec(o.Spec), Some(ObjectDocuments.ArgoCDClusterStatus(o.Status)))));
        foreach (var o in Rich.Deployments.Values)
            Assert.Equal(o, Ok(ObjectDocuments.Deployment(
                ObjectDocuments.DeploymentSpec(o.Spec), Some(ObjectDocuments.DeploymentStatus(o.Status)))));
        foreach (var o in Rich.Checks.Values)
            Assert.Equal(o, Ok(ObjectDocuments.Check(
                ObjectDocuments.CheckSpec(o.Spec), Some(ObjectDocuments.CheckStatus(o.Status)))));
    }

    [Fact]
    public void A_system_status_round_trips_through_json()
    {
        var status = Rich.SystemStatus.IfNone(() => throw new Xunit.Sdk.XunitException("the sample has a status"));

        Assert.Equal(status, Ok(ObjectDocuments.ParseSystemStatus(ObjectDocuments.SystemStatus(status))));
    }

    [Fact]
    public void A_revision_round_trips_through_json()
    {
        var revision = Rich.Revision.IfNone(() => throw new Xunit.Sdk.XunitException("the sample has a revision"));

        Assert.Equal(revision, Ok(ObjectDocuments.ParseRevision(ObjectDocuments.Revision(revision))));
    }

    [Fact]
    public void A_child_without_status_reads_with_the_initial_status()
    {
        var spec = Rich.ArgoCDClusters.Values.Head().Spec;

        var read = Ok(ObjectDocuments.ArgoCDCluster(ObjectDocuments.ArgoCDClusterSpec(spec), None));

        Assert.Equal(Children.ArgoCDClusterStatus.Initial, read.Status);
    }

    [Fact]
    public void An_unknown_spec_field_is_an_error_naming_it()
    {
        var errors = ObjectDocuments.ArgoCDCluster("""{"name": "a", "system": "s", "cluster": "c", "clustr": "x"}""", None)
            .Match(_ => Seq<Spec.SpecError>(), e => e);

        Assert.Contains(errors, e => e.Code == "unknown-field" && e.Message.Contains("clustr"));
    }
}
