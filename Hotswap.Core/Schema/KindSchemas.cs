using Hotswap.Core.Children;
using Hotswap.Core.Documents;
using Hotswap.Core.Observed;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using static Hotswap.Core.Schema.Shapes;

namespace Hotswap.Core.Schema;

/// <summary>
/// The four kinds, as hotswap writes them. The System's spec is <see cref="SystemSchema.Spec"/>
/// (what people write); every other spec and every status is what <see cref="DocumentShapes"/>
/// writes (the Kubernetes adapters send Core's document shape), and a test holds the two together
/// (everything written fits the schema, every schema field is written).
/// </summary>
public static class KindSchemas
{

    public static readonly SchemaNode.Object Condition = Obj(
        Field("type", Text, DocRef.Of<Condition>(nameof(Status.Condition.Type)), required: true),
        Field("status", new SchemaNode.String(Seq("True", "False", "Unknown")), DocRef.Of<Condition>(nameof(Status.Condition.Status)), required: true),
        Field("reason", Text, DocRef.Of<Condition>(nameof(Status.Condition.Reason)), required: true),
        Field("message", Text, DocRef.Of<Condition>(nameof(Status.Condition.Message)), required: true),
        Field("lastTransitionTime", Time, DocRef.Of<Condition>(nameof(Status.Condition.LastTransitionTime)), required: true));

    public static readonly SchemaNode.Object CommandFailure = Obj(
        Field("action", Text, DocRef.Of<CommandFailure>(nameof(Status.CommandFailure.Action)), required: true),
        Field("target", Text, DocRef.Of<CommandFailure>(nameof(Status.CommandFailure.Target)), required: true),
        Field("at", Time, DocRef.Of<CommandFailure>(nameof(Status.CommandFailure.At)), required: true),
        Field("code", Text, DocRef.Of<CommandFailure>(nameof(Status.CommandFailure.Code)), required: true),
        Field("message", Text, DocRef.Of<CommandFailure>(nameof(Status.CommandFailure.Message)), required: true));

    /// <summary>The fields every status has, after its own: observedGeneration, conditions, lastFailure.</summary>
    static SchemaField[] Common<T>() =>
    [
        Field("observedGeneration", new SchemaNode.Integer(0), DocRef.Of<T>("ObservedGeneration")),
        Field("conditions", new SchemaNode.List(Condition, Seq1("type")), DocRef.Of<T>("Conditions")),
        Field("lastFailure", CommandFailure, DocRef.Of<T>("LastFailure")),
    ];

    public static readonly SchemaNode.Object Forward = Obj(
        Field("targetGroupARN", Text, DocRef.Of<TargetGroupWeight>(nameof(TargetGroupWeight.Arn)), required: true),
        Field("weight", new SchemaNode.Integer(0, Validation.SystemValidation.MaxWeight), DocRef.Of<TargetGroupWeight>(nameof(TargetGroupWeight.Weight)), required: true));

    public static readonly SchemaNode.Object ApplicationStatus = Obj(
        Field("name", Text, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Name)), required: true),
        Field("phase", EnumOf<ApplicationPhase>(), DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Phase)), required: true),
        Field("message", Text, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Message))),
        Field("step", new SchemaNode.Integer(0), DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Step))),
        Field("steps", new SchemaNode.Integer(0), DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Steps))),
        Field("stepStartedAt", Time, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.StepStartedAt))),
        Field("failedAt", Time, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.FailedAt))),
        Field("target", Text, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Target))),
        Field("weights", ListOf(Forward), DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.Weights))),
        Field("waitingFor", Text, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.WaitingFor))),
        Field("waitingSince", Time, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.WaitingSince))),
        Field("requestsHandledAt", Time, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.RequestsHandledAt))),
        Field("promotedFully", Bool, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.PromotedFully))),
        Field("lastFailure", CommandFailure, DocRef.Of<ApplicationStatus>(nameof(Status.ApplicationStatus.LastFailure))));

    public static readonly KindSchema System = new("System", DocRef.Of<SystemSpec>(), SystemSchema.Spec, Obj(
        [
            Field("observedGeneration", new SchemaNode.Integer(0), DocRef.Of<SystemStatus>(nameof(SystemStatus.ObservedGeneration))),
            Field("phase", EnumOf<SystemPhase>(), DocRef.Of<SystemStatus>(nameof(SystemStatus.Phase))),
            Field("message", Text, DocRef.Of<SystemStatus>(nameof(SystemStatus.Message))),
            Field("progress", Text, DocRef.Of<SystemStatus>(nameof(SystemStatus.Progress))),
            Field("conditions", new SchemaNode.List(Condition, Seq1("type")), DocRef.Of<SystemStatus>(nameof(SystemStatus.Conditions))),
            Field("applications", Named(ApplicationStatus), DocRef.Of<SystemStatus>(nameof(SystemStatus.Applications))),
            Field("waitingForClustersSince", Time, DocRef.Of<SystemStatus>(nameof(SystemStatus.WaitingForClustersSince))),
            Field("lastFailure", CommandFailure, DocRef.Of<SystemStatus>(nameof(SystemStatus.LastFailure))),
        ]));

    public static readonly KindSchema ArgoCDCluster = new("ArgoCDCluster", DocRef.Of<ArgoCDClusterSpec>(), Obj(
            Field("name", Text, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.Name)), required: true),
            Field("system", Text, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.System)), required: true),
            Field("cluster", Text, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.Cluster)), required: true),
            Field("eksClusterName", Text, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.EksClusterName))),
            Field("roleARN", Text, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.RoleArn))),
            Field("requireReady", Bool, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.RequireReady)), @default: true),
            Field("readyTimeout", DurationText, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.ReadyTimeout))),
            Field("labels", Labels, DocRef.Of<ArgoCDClusterSpec>(nameof(ArgoCDClusterSpec.Labels)))),
        Obj(
        [
            Field("phase", Text, DocRef.Of<ArgoCDClusterStatus>(nameof(ArgoCDClusterStatus.Phase))),
            Field("ready", Bool, DocRef.Of<ArgoCDClusterStatus>(nameof(ArgoCDClusterStatus.Ready))),
            Field("message", Text, DocRef.Of<ArgoCDClusterStatus>(nameof(ArgoCDClusterStatus.Message))),
            Field("endpoint", Text, DocRef.Of<ArgoCDClusterStatus>(nameof(ArgoCDClusterStatus.Endpoint))),
            .. Common<ArgoCDClusterStatus>(),
        ]));

    public static readonly KindSchema ArgoCDApplicationDeployment = new("ArgoCDApplicationDeployment",
        DocRef.Of<ApplicationDeploymentSpec>(), Obj(
            Field("name", Text, DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.Name)), required: true),
            Field("system", Text, DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.System)), required: true),
            Field("application", Text, DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.Application)), required: true),
            Field("clusterNames", Strings, DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.ClusterNames))),
            Field("clusterSecret", SystemSchema.ClusterSecret, DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.ClusterSecret)), required: true),
            Field("applicationSet", SystemSchema.ApplicationSet, DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.ApplicationSet))),
            Field("updateStrategy", EnumOf<UpdateStrategyType>(), DocRef.Of<ApplicationDeploymentSpec>(nameof(ApplicationDeploymentSpec.UpdateStrategy)),
                @default: nameof(UpdateStrategyType.CreateBeforeDelete))),
        Obj(
        [
            Field("phase", Text, DocRef.Of<ApplicationDeploymentStatus>(nameof(ApplicationDeploymentStatus.Phase))),
            Field("message", Text, DocRef.Of<ApplicationDeploymentStatus>(nameof(ApplicationDeploymentStatus.Message))),
            Field("members", Strings, DocRef.Of<ApplicationDeploymentStatus>(nameof(ApplicationDeploymentStatus.Members))),
            Field("deployed", Strings, DocRef.Of<ApplicationDeploymentStatus>(nameof(ApplicationDeploymentStatus.Deployed))),
            .. Common<ApplicationDeploymentStatus>(),
        ]));

    public static readonly SchemaNode.Object Measurement = Obj(
        Field("time", Time, DocRef.Literal("When the measurement was taken."), required: true),
        Field("value", Num, DocRef.Literal("The value the provider returned; absent for no data or an error.")),
        Field("outcome", EnumOf<MeasurementOutcome>(), DocRef.Of<MeasurementOutcome>(), required: true),
        Field("message", Text, DocRef.Literal("The measurement in words.")));

    public static readonly KindSchema Check = new("Check", DocRef.Of<CheckObjectSpec>(), Obj(
            Field("name", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Name)), required: true),
            Field("system", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.System)), required: true),
            Field("application", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Application)), required: true),
            Field("check", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Check)), required: true),
            Field("cluster", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Cluster))),
            Field("query", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Query)), required: true),
            Field("min", Num, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Min))),
            Field("max", Num, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Max))),
            Field("interval", DurationText, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Interval)),
                @default: Durations.Format(AnalysisSpec.DefaultInterval)),
            Field("provider", SystemSchema.Analysis["provider"].Shape, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Provider)), @default: "datadog"),
            Field("failureLimit", new SchemaNode.Integer(0), DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.FailureLimit)),
                @default: (long)AnalysisSpec.DefaultFailureLimit),
            Field("inconclusiveLimit", new SchemaNode.Integer(0), DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.InconclusiveLimit)),
                @default: (long)AnalysisSpec.DefaultInconclusiveLimit),
            Field("suspended", Bool, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.Suspended)), @default: false),
            Field("analysisHash", Text, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.AnalysisHash))),
            Field("notBefore", Time, DocRef.Of<CheckObjectSpec>(nameof(CheckObjectSpec.NotBefore)))),
        Obj(
        [
            Field("lastPassed", Bool, DocRef.Of<CheckStatus>(nameof(CheckStatus.LastPassed))),
            Field("lastRunTime", Time, DocRef.Of<CheckStatus>(nameof(CheckStatus.LastRunTime))),
            Field("observedHash", Text, DocRef.Of<CheckStatus>(nameof(CheckStatus.ObservedHash))),
            Field("results", ListOf(Measurement), DocRef.Of<CheckStatus>(nameof(CheckStatus.Results))),
            Field("message", Text, DocRef.Of<CheckStatus>(nameof(CheckStatus.Message))),
            Field("activeSince", Time, DocRef.Of<CheckStatus>(nameof(CheckStatus.ActiveSince))),
            .. Common<CheckStatus>(),
        ]));

    /// <summary>Every kind, the System first.</summary>
    public static readonly Seq<KindSchema> All = Seq(System, ArgoCDCluster, ArgoCDApplicationDeployment, Check);
}
