using Hotswap.Core.Children;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;

namespace Hotswap.Core.Documents;

/// <summary>
/// hotswap's own objects as the Kubernetes API holds them: the <c>spec</c> of each child kind and
/// the <c>status</c> of every kind, as JSON in the shape the world file uses (docs/world.md), which
/// is also the shape the CRDs declare. The Kubernetes adapters write with these and read back with
/// them, so an object round-trips to an equal record.
/// </summary>
public static class ObjectDocuments
{
    public static string ArgoCDClusterSpec(ArgoCDClusterSpec spec) => JsonText.Write(DocumentShapes.ArgoCDClusterSpec(spec));

    public static string ArgoCDClusterStatus(ArgoCDClusterStatus status) => JsonText.Write(DocumentShapes.ArgoCDClusterStatus(status));

    public static string DeploymentSpec(ApplicationDeploymentSpec spec) => JsonText.Write(DocumentShapes.DeploymentSpec(spec));

    public static string DeploymentStatus(ApplicationDeploymentStatus status) => JsonText.Write(DocumentShapes.DeploymentStatus(status));

    public static string CheckSpec(CheckObjectSpec spec) => JsonText.Write(DocumentShapes.CheckSpec(spec));

    public static string CheckStatus(CheckStatus status) => JsonText.Write(DocumentShapes.CheckStatus(status));

    public static string SystemStatus(SystemStatus status) => JsonText.Write(DocumentShapes.SystemStatus(status));

    /// <summary>A saved revision (a ControllerRevision's data): number, specHash and applications.</summary>
    public static string Revision(Observed.Revision revision) => JsonText.Write(DocumentShapes.Revision(revision));

    public static Validation<SpecError, Observed.Revision> ParseRevision(string json) =>
        WorldDocument.Parse($"{{\"revision\": {json}}}")
            .Bind(w => w.Revision.ToValidation(new SpecError("missing-field", "revision", "no revision")));

    /// <summary>An ArgoCDCluster from its spec and status JSON (no status: the initial one).</summary>
    public static Validation<SpecError, ArgoCDClusterObject> ArgoCDCluster(string specJson, Option<string> statusJson) =>
        Child("argocdClusters", specJson, statusJson).Bind(w => Single(w.ArgoCDClusters.Values));

    public static Validation<SpecError, ApplicationDeploymentObject> Deployment(string specJson, Option<string> statusJson) =>
        Child("deployments", specJson, statusJson).Bind(w => Single(w.Deployments.Values));

    public static Validation<SpecError, CheckObject> Check(string specJson, Option<string> statusJson) =>
        Child("checks", specJson, statusJson).Bind(w => Single(w.Checks.Values));

    /// <summary>A System's status from its JSON.</summary>
    public static Validation<SpecError, SystemStatus> ParseSystemStatus(string statusJson) =>
        WorldDocument.Parse($"{{\"systemStatus\": {statusJson}}}")
            .Bind(w => w.SystemStatus.ToValidation(new SpecError("missing-field", "status", "no status")));

    // The world reader already knows every child's fields, defaults and errors; a one-object
    // world is the smallest document it reads.
    private static Validation<SpecError, Observed.World> Child(string key, string specJson, Option<string> statusJson) =>
        WorldDocument.Parse(statusJson.Match(
            status => $"{{\"{key}\": [{{\"spec\": {specJson}, \"status\": {status}}}]}}",
            () => $"{{\"{key}\": [{{\"spec\": {specJson}}}]}}"));

    private static Validation<SpecError, T> Single<T>(IEnumerable<T> items) =>
        items.HeadOrNone().ToValidation(new SpecError("missing-field", "spec", "no object"));
}
