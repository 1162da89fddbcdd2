using Hotswap.Core.Documents;
using Hotswap.Core.Spec;
using Hotswap.Core.Validation;
using static Hotswap.Core.Schema.Shapes;

namespace Hotswap.Core.Schema;

/// <summary>
/// The System manifest's spec, field by field: the one description the parser
/// (<see cref="Parsing.SystemManifest"/>) takes its field names and enum values from, and
/// <c>hotswap crds</c> renders as the System CRD's schema. Defaults here are the parser's own
/// constants, so a default Kubernetes applies and one the parser assumes are the same value.
/// </summary>
public static class SystemSchema
{
    // Declared first: the fields below use it while the class initialises.
    private static readonly SchemaNode Providers =
        new SchemaNode.String(toSeq(Enum.GetValues<MetricProvider>().Select(DocumentShapes.Provider)));

    /// <summary>A label selector: canonical matchLabels/matchExpressions; other keys are SEED.md's flat shorthand for matchLabels, kept by x-kubernetes-preserve-unknown-fields and checked by hotswap.</summary>
    public static readonly SchemaNode.Object Selector = new(Seq(
        Field("matchLabels", Labels, DocRef.Of<LabelSelector>(nameof(LabelSelector.MatchLabels))),
        Field("matchExpressions", new SchemaNode.List(new SchemaNode.Object(Seq(
                Field("key", Text, DocRef.Of<LabelSelectorRequirement>(nameof(LabelSelectorRequirement.Key)), required: true),
                Field("operator", EnumOf<SelectorOperator>(), DocRef.Of<LabelSelectorRequirement>(nameof(LabelSelectorRequirement.Operator)), required: true),
                Field("values", Strings, DocRef.Of<LabelSelectorRequirement>(nameof(LabelSelectorRequirement.Values)))))),
            DocRef.Of<LabelSelector>(nameof(LabelSelector.MatchExpressions)))),
        PreserveUnknown: true);

    public static readonly SchemaNode.Object Eks = Obj(
        Field("clusterName", Text, DocRef.Literal("The EKS cluster to read; defaults to the cluster's name.")),
        Field("roleARN", Text, DocRef.Literal("An IAM role to assume for this cluster; ArgoCD assumes it too.")));

    public static readonly SchemaNode.Object Cluster = Obj(
        Field("name", DnsLabel, DocRef.Of<ClusterSpec>(nameof(ClusterSpec.Name)), required: true),
        Field("eks", Eks, DocRef.Of<ClusterSpec>(nameof(ClusterSpec.Eks))),
        Field("requireReady", Bool, DocRef.Of<ClusterSpec>(nameof(ClusterSpec.RequireReady)), @default: true),
        Field("readyTimeout", DurationText, DocRef.Of<ClusterSpec>(nameof(ClusterSpec.ReadyTimeout))),
        Field("labels", Labels, DocRef.Of<ClusterSpec>(nameof(ClusterSpec.Labels))));

    public static readonly SchemaNode.Object ClusterSecret = Obj(
        Field("name", Text, DocRef.Of<ClusterSecretSpec>(nameof(ClusterSecretSpec.Name)), required: true),
        Field("labels", Labels, DocRef.Of<ClusterSecretSpec>(nameof(ClusterSecretSpec.Labels))));

    public static readonly SchemaNode.Object ApplicationSet = Obj(
        Field("name", Text, DocRef.Of<ApplicationSetRef>(nameof(ApplicationSetRef.Name))),
        Field("selector", Selector, DocRef.Of<ApplicationSetRef>(nameof(ApplicationSetRef.Selector))));

    public static readonly SchemaNode.Object ArgoCdUpdateStrategy = Obj(
        Field("type", EnumOf<UpdateStrategyType>(), DocRef.Of<UpdateStrategyType>(), @default: nameof(UpdateStrategyType.CreateBeforeDelete)));

    public static readonly SchemaNode.Object ArgoCd = Obj(
        Field("clusterSecret", ClusterSecret, DocRef.Of<ClusterSecretSpec>(), required: true),
        Field("applicationSet", ApplicationSet, DocRef.Of<ApplicationSetRef>()),
        Field("updateStrategy", ArgoCdUpdateStrategy, DocRef.Literal("The order of membership changes.")));

    public static readonly SchemaNode.Object TargetGroup = Obj(
        Field("arn", Text, DocRef.Of<TargetGroupSource.SharedArn>()),
        Field("arnFromLabel", Text, DocRef.Of<TargetGroupSource.FromLabel>()),
        Field("targetGroupBindingSelector", Selector, DocRef.Of<TargetGroupSource.FromBindingSelector>()));

    public static readonly SchemaNode.Object ForwardConfig = Obj(
        Field("priority", new SchemaNode.Integer(1, 50000), DocRef.Of<AlbSpec>(nameof(AlbSpec.Priority)), required: true),
        Field("targetGroup", TargetGroup, DocRef.Of<TargetGroupSource>(), required: true));

    public static readonly SchemaNode.Object AlbUpdateStrategy = Obj(
        Field("stepWeight", new SchemaNode.Integer(1, SystemValidation.MaxWeight),
            DocRef.Literal("Weight moved per step: 10 is a 10-step canary, totalWeight is blue-green. Required with alb, except with targetGroup.arn (then totalWeight)."), required: false),
        Field("totalWeight", new SchemaNode.Integer(1, SystemValidation.MaxWeight), DocRef.Of<AlbSpec>(nameof(AlbSpec.TotalWeight)), @default: 100L));

    public static readonly SchemaNode.Object Alb = Obj(
        Field("listenerARN", Text, DocRef.Of<AlbSpec>(nameof(AlbSpec.ListenerArn)), required: true),
        Field("forwardConfig", ForwardConfig, DocRef.Literal("The listener rule (by priority) and where each cluster's target group comes from."), required: true),
        Field("updateStrategy", AlbUpdateStrategy, DocRef.Literal("How weights move: stepWeight per step, summing to totalWeight.")),
        Field("minHealthyTargets", new SchemaNode.Integer(0), DocRef.Of<AlbSpec>(nameof(AlbSpec.MinHealthyTargets)),
            @default: (long)AlbSpec.DefaultMinHealthyTargets));

    public static readonly SchemaNode.Object Analysis = Obj(
        Field("query", Text, DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.Query)), required: true),
        Field("min", Num, DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.Min))),
        Field("max", Num, DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.Max))),
        Field("interval", DurationText, DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.Interval)), @default: Durations.Format(AnalysisSpec.DefaultInterval)),
        Field("provider", Providers, DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.Provider)), @default: "datadog"),
        Field("failureLimit", new SchemaNode.Integer(0), DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.FailureLimit)), @default: (long)AnalysisSpec.DefaultFailureLimit),
        Field("inconclusiveLimit", new SchemaNode.Integer(0), DocRef.Of<AnalysisSpec>(nameof(AnalysisSpec.InconclusiveLimit)), @default: (long)AnalysisSpec.DefaultInconclusiveLimit));

    public static readonly SchemaNode.Object Check = Obj(
        Field("name", DnsLabel, DocRef.Literal("Unique in the application across checks, prechecks and postchecks."), required: true),
        Field("analysis", Analysis, DocRef.Of<AnalysisSpec>(), required: true));

    public static readonly SchemaNode.Object JobCheck = Obj(
        Field("name", DnsLabel, DocRef.Literal("Unique in the application across checks, prechecks and postchecks."), required: true),
        Field("job", Obj(Field("template", new SchemaNode.AnyObject(), DocRef.Literal("The Job to run (its spec), kept as written."), required: true)),
            DocRef.Of<JobCheckSpec>(), required: true));

    public static readonly SchemaNode.Object Application = Obj(
        Field("name", DnsLabel, DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.Name)), required: true),
        Field("clusterSelector", Selector, DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.ClusterSelector))),
        Field("argocd", ArgoCd, DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.ArgoCd)), required: true),
        Field("alb", Alb, DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.Alb))),
        Field("checks", Named(Check), DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.Checks))),
        Field("prechecks", Named(JobCheck), DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.Prechecks))),
        Field("postchecks", Named(JobCheck), DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.Postchecks))),
        // No schema default: ApplicationSpec keeps "not set" apart from an explicit 10m, so a
        // default filled in by Kubernetes would read as a different System.
        Field("progressDeadline", DurationText, DocRef.Of<ApplicationSpec>(nameof(ApplicationSpec.ProgressDeadline))));

    public static readonly SchemaNode.Object Rollback = Obj(
        Field("policy", EnumOf<RollbackMode>(), DocRef.Of<RollbackMode>(), @default: nameof(RollbackMode.Rollback)),
        Field("delay", DurationText, DocRef.Literal("How long after a failure the rollback starts."), @default: Durations.Format(RollbackPolicy.DefaultDelay)));

    /// <summary>System.spec.</summary>
    public static readonly SchemaNode.Object Spec = Obj(
        Field("clusters", Named(Cluster), DocRef.Of<SystemSpec>(nameof(SystemSpec.Clusters))),
        Field("applications", Named(Application), DocRef.Of<SystemSpec>(nameof(SystemSpec.Applications))),
        Field("rollback", Rollback, DocRef.Of<RollbackPolicy>()));

    /// <summary>argocd.updateStrategy.type's values.</summary>
    public static readonly string[] UpdateStrategyTypes = Enum.GetNames<UpdateStrategyType>();

    /// <summary>analysis.provider's values, spelled in lower case.</summary>
    public static string[] ProviderNames => ((SchemaNode.String)Analysis["provider"].Shape).Enum.ToArray();

    /// <summary>rollback.policy's values.</summary>
    public static readonly string[] RollbackModes = Enum.GetNames<RollbackMode>();

}
