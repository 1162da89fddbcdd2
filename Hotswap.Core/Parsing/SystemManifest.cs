using Hotswap.Core.Schema;
using Hotswap.Core.Spec;
using Hotswap.Core.Validation;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Core.Parsing;

/// <summary>
/// Reads a System manifest (YAML, or JSON, which YamlDotNet reads as YAML) into a
/// <see cref="SystemSpec"/>. Every problem is a <see cref="SpecError"/> with a path and, when
/// known, a line; nothing throws. Parsing continues past an error with a default in place of the
/// bad value, then validation runs on the result, so one run reports everything; validation
/// errors at, under or above a path that already had a parse error are dropped as consequences.
/// </summary>
/// <remarks>
/// Defaults: <c>metadata.generation</c> 1; <c>eks.clusterName</c> the cluster's name;
/// <c>requireReady</c> true; <c>argocd.updateStrategy.type</c> CreateBeforeDelete;
/// <c>alb.updateStrategy.totalWeight</c> 100; <c>analysis.interval</c> 1m, <c>provider</c>
/// datadog, <c>failureLimit</c> 0, <c>inconclusiveLimit</c> 3; <c>progressDeadline</c> 10m; <c>spec.rollback</c> Rollback
/// after 60s. <c>alb.updateStrategy.stepWeight</c> has no default: whether a swap is a canary
/// (e.g. 10) or blue-green (= totalWeight) is a decision the manifest must state. The one
/// exception is <c>targetGroup.arn</c>, which shares one target group and never shifts weights;
/// there stepWeight defaults to totalWeight. <c>status</c> is accepted and ignored.
/// </remarks>
public static class SystemManifest
{
    public const string ApiVersion = "hotswap.mumoshu.github.io/v1alpha1";
    public const string Kind = "System";

    static readonly string[] RootFields = ["apiVersion", "kind", "metadata", "spec", "status"];
    // Kubernetes adds these when a System is read back from the API server.
    static readonly string[] MetadataFields =
    [
        "name", "generation", "namespace", "labels", "annotations", "uid", "resourceVersion",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields",
        "finalizers", "ownerReferences", "generateName", "selfLink",
    ];
    // Field names and enum values come from SystemSchema, which `hotswap crds` renders as the
    // CRD's schema: the parser and the schema cannot disagree on what a System may say.
    static readonly string[] SpecFields = SystemSchema.Spec.Names;
    static readonly string[] ClusterFields = SystemSchema.Cluster.Names;
    static readonly string[] EksFields = SystemSchema.Eks.Names;
    static readonly string[] ApplicationFields = SystemSchema.Application.Names;
    static readonly string[] ArgoCdFields = SystemSchema.ArgoCd.Names;
    static readonly string[] ClusterSecretFields = SystemSchema.ClusterSecret.Names;
    static readonly string[] ApplicationSetFields = SystemSchema.ApplicationSet.Names;
    static readonly string[] ArgoCdStrategyFields = SystemSchema.ArgoCdUpdateStrategy.Names;
    static readonly string[] AlbFields = SystemSchema.Alb.Names;
    static readonly string[] ForwardConfigFields = SystemSchema.ForwardConfig.Names;
    static readonly string[] TargetGroupFields = SystemSchema.TargetGroup.Names;
    static readonly string[] AlbStrategyFields = SystemSchema.AlbUpdateStrategy.Names;
    static readonly string[] CheckFields = SystemSchema.Check.Names;
    static readonly string[] AnalysisFields = SystemSchema.Analysis.Names;
    static readonly string[] JobCheckFields = SystemSchema.JobCheck.Names;
    static readonly string[] JobFields = SystemSchema.JobCheck.Child("job").Names;
    static readonly string[] RollbackFields = SystemSchema.Rollback.Names;
    static readonly string[] UpdateStrategies = SystemSchema.UpdateStrategyTypes;
    static readonly string[] Providers = SystemSchema.ProviderNames;
    static readonly string[] RollbackModes = SystemSchema.RollbackModes;

    /// <summary>Parse, then validate; every error from both, sorted by line.</summary>
    public static Validation<SpecError, SystemSpec> Parse(string text) => Read(text, validate: true);

    /// <summary>Parse only: shape, types and required fields, no cross-field rules.</summary>
    public static Validation<SpecError, SystemSpec> ParseWithoutValidation(string text) => Read(text, validate: false);

    static Validation<SpecError, SystemSpec> Read(string text, bool validate)
    {
        var reader = new ManifestReader();
        var root = reader.Load(text);
        if (root is null) return Fail<SpecError, SystemSpec>(toSeq(reader.Errors));
        var spec = ReadSystem(reader, root);
        var parseErrors = toSeq(reader.Errors.ToList());
        var validationErrors = validate
            ? SystemValidation.Validate(spec).Match(_ => Seq<SpecError>(), e => e)
                .Filter(e => !parseErrors.Exists(p => Covers(p.Path, e.Path)) && !reader.Unreadable.Any(u => Covers(u, e.Path)))
                .Map(e => e with { Line = e.Line ?? reader.LineOf(e.Path) })
            : Seq<SpecError>();
        var all = (parseErrors + validationErrors).OrderBy(e => e.Line ?? int.MaxValue).ToSeq();
        return all.IsEmpty ? Success<SpecError, SystemSpec>(spec) : Fail<SpecError, SystemSpec>(all);
    }

    /// <summary>
    /// A validation error at, under or above a path that failed to parse is a
    /// consequence of it: a bad <c>applicationSet.selector</c> leaves the applicationSet with
    /// "neither name nor selector", which need not be said twice.
    /// </summary>
    static bool Covers(string parsePath, string path) =>
        parsePath.Length > 0 && path.Length > 0 && (Within(path, parsePath) || Within(parsePath, path));

    static bool Within(string path, string ancestor) =>
        path == ancestor || path.StartsWith(ancestor + ".", StringComparison.Ordinal)
                         || path.StartsWith(ancestor + "[", StringComparison.Ordinal);

    static SystemSpec ReadSystem(ManifestReader r, YamlNode root)
    {
        var top = r.Object(root, "", RootFields);
        if (top is null)
        {
            if (ManifestReader.IsNull(root)) r.Report("empty-document", "", "the manifest is empty; expected one System");
            return new SystemSpec("", 1, Seq<ClusterSpec>(), Seq<ApplicationSpec>(), RollbackPolicy.Default);
        }
        var apiVersion = top.String("apiVersion", required: true);
        if (apiVersion is not null && apiVersion != ApiVersion)
            r.Report("wrong-api-version", "apiVersion", $"expected {ApiVersion}, got {apiVersion}");
        var kind = top.String("kind", required: true);
        if (kind is not null && kind != Kind)
            r.Report("wrong-kind", "kind", $"expected {Kind}, got {kind}");
        var meta = top.Object("metadata", MetadataFields, required: true);
        var name = meta?.String("name", required: true) ?? "";
        var generation = meta?.Integer("generation", 0, long.MaxValue) ?? 1;
        var spec = top.Object("spec", SpecFields, required: true);
        var clusters = spec is null ? Seq<ClusterSpec>()
            : spec.Items("clusters").Select(i => ReadCluster(r, i.Node, i.Path)).ToSeq().Strict();
        var applications = spec is null ? Seq<ApplicationSpec>()
            : spec.Items("applications").Select(i => ReadApplication(r, i.Node, i.Path)).ToSeq().Strict();
        var rollback = spec?["rollback"] is { } rb ? ReadRollback(r, rb, spec.At("rollback")) : RollbackPolicy.Default;
        return new SystemSpec(name, generation, clusters, applications, rollback);
    }

    static ClusterSpec ReadCluster(ManifestReader r, YamlNode node, string path)
    {
        var f = r.Item(node, path, ClusterFields);
        var name = f?.String("name", required: true) ?? "";
        var eks = f?.Object("eks", EksFields);
        var clusterName = eks?.String("clusterName") ?? name;
        var roleArn = Optional(eks?.String("roleARN"));
        return new ClusterSpec(
            name,
            new EksSpec(clusterName, roleArn),
            f?.Boolean("requireReady") ?? true,
            f?.Duration("readyTimeout") is { } t ? Some(t) : None,
            f?.StringMap("labels") ?? Map<string, string>());
    }

    static ApplicationSpec ReadApplication(ManifestReader r, YamlNode node, string path)
    {
        var f = r.Item(node, path, ApplicationFields);
        var alb = f?.Object("alb", AlbFields);
        return new ApplicationSpec(
            f?.String("name", required: true) ?? "",
            f?.Selector("clusterSelector") ?? LabelSelector.Everything,
            ReadArgoCd(f?.Object("argocd", ArgoCdFields, required: true)),
            alb is null ? None : Some(ReadAlb(r, alb)),
            f is null ? Seq<CheckSpec>() : f.Items("checks").Select(i => ReadCheck(r, i.Node, i.Path)).ToSeq().Strict(),
            f is null ? Seq<JobCheckSpec>() : f.Items("prechecks").Select(i => ReadJobCheck(r, i.Node, i.Path)).ToSeq().Strict(),
            f is null ? Seq<JobCheckSpec>() : f.Items("postchecks").Select(i => ReadJobCheck(r, i.Node, i.Path)).ToSeq().Strict(),
            f?.Duration("progressDeadline") is { } deadline ? Some(deadline) : None);
    }

    static ArgoCdSpec ReadArgoCd(Fields? f)
    {
        var secret = f?.Object("clusterSecret", ClusterSecretFields, required: true);
        var appSet = f?.Object("applicationSet", ApplicationSetFields);
        var type = f?.Object("updateStrategy", ArgoCdStrategyFields)?.OneOf("type", UpdateStrategies);
        return new ArgoCdSpec(
            new ClusterSecretSpec(secret?.String("name", required: true) ?? "",
                secret?.StringMap("labels") ?? Map<string, string>()),
            new ApplicationSetRef(Optional(appSet?.String("name")),
                appSet?.Selector("selector") ?? LabelSelector.Everything),
            type is null ? UpdateStrategyType.CreateBeforeDelete : Enum.Parse<UpdateStrategyType>(type));
    }

    static AlbSpec ReadAlb(ManifestReader r, Fields f)
    {
        var listener = f.String("listenerARN", required: true) ?? "";
        var forward = f.Object("forwardConfig", ForwardConfigFields, required: true);
        var priority = (int)(forward?.Integer("priority", required: true) ?? 0);
        var source = forward is null ? new TargetGroupSource.FromLabel("") : ReadTargetGroup(r, forward);
        var strategy = f.Object("updateStrategy", AlbStrategyFields);
        var total = (int)(strategy?.Integer("totalWeight") ?? 100);
        var step = strategy?.Has("stepWeight") == true ? (int)(strategy.Integer("stepWeight") ?? 0)
            : source is TargetGroupSource.SharedArn ? total
            : MissingStepWeight(r, f.At("updateStrategy.stepWeight"));
        var minHealthy = (int)(f.Integer("minHealthyTargets") ?? AlbSpec.DefaultMinHealthyTargets);
        return new AlbSpec(listener, priority, source, step, total) { MinHealthyTargets = minHealthy };
    }

    static int MissingStepWeight(ManifestReader r, string path)
    {
        r.Report("missing-field", path,
            "stepWeight is required with alb: e.g. 10 for a canary in steps of 10%, or totalWeight for blue-green");
        return 0;
    }

    static TargetGroupSource ReadTargetGroup(ManifestReader r, Fields forward)
    {
        var path = forward.At("targetGroup");
        var f = forward.Object("targetGroup", TargetGroupFields);
        var set = TargetGroupFields.Where(k => f?.Has(k) == true).ToList();
        // already reported: a targetGroup that is not a mapping, or one whose only key is misspelt
        var reported = f is null && forward["targetGroup"] is not null || set.Count == 0 && f?.HadUnknownFields == true;
        if (set.Count != 1 && !reported)
            r.Report("target-group-source", path,
                $"exactly one of {string.Join(", ", TargetGroupFields)} is required, got " +
                (set.Count == 0 ? "none" : $"{set.Count} ({string.Join(", ", set)})"));
        if (f is null || set.Count == 0)
        {
            r.MarkUnreadable(path);
            return new TargetGroupSource.FromLabel("");
        }
        return set[0] switch
        {
            "arn" => new TargetGroupSource.SharedArn(f.String("arn") ?? ""),
            "arnFromLabel" => new TargetGroupSource.FromLabel(f.String("arnFromLabel") ?? ""),
            _ => new TargetGroupSource.FromBindingSelector(f.Selector("targetGroupBindingSelector")),
        };
    }

    static CheckSpec ReadCheck(ManifestReader r, YamlNode node, string path)
    {
        var f = r.Item(node, path, CheckFields);
        var a = f?.Object("analysis", AnalysisFields, required: true);
        var provider = a?.OneOf("provider", Providers);
        return new CheckSpec(
            f?.String("name", required: true) ?? "",
            new AnalysisSpec(
                a?.String("query") ?? "",
                a?.Number("min") is { } min ? Some(min) : None,
                a?.Number("max") is { } max ? Some(max) : None,
                a?.Duration("interval") ?? AnalysisSpec.DefaultInterval,
                provider == "prometheus" ? MetricProvider.Prometheus : MetricProvider.Datadog,
                (int)(a?.Integer("failureLimit") ?? AnalysisSpec.DefaultFailureLimit),
                (int)(a?.Integer("inconclusiveLimit") ?? AnalysisSpec.DefaultInconclusiveLimit)));
    }

    static JobCheckSpec ReadJobCheck(ManifestReader r, YamlNode node, string path)
    {
        var f = r.Item(node, path, JobCheckFields);
        var job = f?.Object("job", JobFields);
        var template = job?["template"];
        var json = template switch
        {
            null => "",
            YamlMappingNode m => CanonicalJson.Write(m),
            _ => WrongTemplate(r, template, job!.At("template")),
        };
        return new JobCheckSpec(f?.String("name", required: true) ?? "", json);
    }

    static string WrongTemplate(ManifestReader r, YamlNode node, string path)
    {
        r.WrongType(node, path, "a Job template (a mapping)");
        return "";
    }

    /// <summary>
    /// <c>rollback: {policy: Rollback, delay: 60s}</c>. One shape, so a CRD schema can state it:
    /// the scalar <c>rollback: Halt</c> is answered with the mapping to write instead.
    /// </summary>
    static RollbackPolicy ReadRollback(ManifestReader r, YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            var mode = Spelling.Nearest(text, RollbackModes).IfNone(nameof(RollbackMode.Rollback));
            r.Report("wrong-type", path,
                $"expected a mapping {{policy, delay}}, got {ManifestReader.Describe(node)}; write rollback: {{policy: {mode}}}", node);
            return RollbackPolicy.Default;
        }
        var f = r.Object(node, path, RollbackFields);
        var policy = f?.OneOf("policy", RollbackModes);
        return new RollbackPolicy(
            policy is null ? RollbackMode.Rollback : Enum.Parse<RollbackMode>(policy),
            f?.Duration("delay") ?? RollbackPolicy.DefaultDelay);
    }
}
