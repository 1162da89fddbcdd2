namespace Hotswap.Operator.Crds;

/// <summary>A kubectl column of a kind (additionalPrinterColumns).</summary>
public sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority = 0);

/// <summary>How Kubernetes and kubectl name one kind, and the columns <c>kubectl get</c> prints.</summary>
public sealed record CrdNames(string Kind, string Plural, string[] ShortNames, PrinterColumn[] Columns)
{
    public string Singular => Kind.ToLowerInvariant();

    public string FileName => $"{CrdGenerator.Group}_{Plural}.yaml";

    private static readonly PrinterColumn Age =
        new("Age", "date", ".metadata.creationTimestamp", "Time since the object was created.");

    /// <summary>The four kinds, by Kind.</summary>
    public static readonly IReadOnlyDictionary<string, CrdNames> ByKind = new[]
    {
        new CrdNames("System", "systems", ["hsys"],
        [
            new("Phase", "string", ".status.phase", "Where the System is, summarised over its applications."),
            new("Progress", "string", ".status.progress", "Applications synced, e.g. 2/3 synced."),
            new("Message", "string", ".status.message", "Why, in a sentence a person can act on."),
            Age,
        ]),
        new CrdNames("ArgoCDCluster", "argocdclusters", ["hcluster"],
        [
            new("Cluster", "string", ".spec.cluster", "The cluster's name in its System."),
            new("Phase", "string", ".status.phase", "Pending, Provisioning, NotFound, Writing or Ready."),
            new("Ready", "boolean", ".status.ready", "EKS is ready and the ArgoCD secret points at it."),
            Age,
        ]),
        new CrdNames("ArgoCDApplicationDeployment", "argocdapplicationdeployments", ["hdeploy"],
        [
            new("Application", "string", ".spec.application", "The application's name in its System."),
            new("Phase", "string", ".status.phase", "Pending, Updating, Waiting, Progressing or Deployed."),
            new("Message", "string", ".status.message", "Why, in words."),
            Age,
        ]),
        new CrdNames("Check", "checks", ["hcheck"],
        [
            new("Passed", "boolean", ".status.lastPassed", "Whether the newest measurement passed."),
            new("Value", "number", ".status.results[-1:].value", "The newest measured value."),
            new("Last Run", "date", ".status.lastRunTime", "When the newest measurement was taken."),
            Age,
        ]),
    }.ToDictionary(n => n.Kind);
}
