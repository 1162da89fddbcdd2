using System.Globalization;
using System.Text.Json.Nodes;
using Hotswap.Core.Documents;
using Hotswap.Core.Parsing;
using Hotswap.Core.Planning;
using Hotswap.Core.Schema;
using Hotswap.Operator.Crds;
using Hotswap.Core.Spec;
using Hotswap.Core.Status;
using Hotswap.Testing.KubeApi;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Hotswap.Operator.Tests;

/// <summary>
/// deploy/crds/ is what <c>hotswap crds</c> generates; the CRDs are structural, described and
/// complete; every System in examples/ passes the System schema, and what hotswap writes for its
/// children and statuses passes theirs — checked with the test API server's structural-schema
/// validator (Hotswap.Testing), which applies a schema as the API server does.
/// </summary>
public sealed class CrdTests
{
    static readonly IReadOnlyList<(string FileName, string Yaml)> Generated = new CrdGenerator(XmlDocs.ForCore()).Files();

    static JsonObject CrdOf(string kind) => (JsonObject)YamlJson.Read(
        Generated.Single(f => f.FileName == CrdNames.ByKind[kind].FileName).Yaml)!;

    static StructuralSchemaValidator Schema(string kind) => StructuralSchemaValidator.ForCrd(CrdOf(kind));

    public static TheoryData<string> Files => new(Generated.Select(f => f.FileName));

    public static TheoryData<string> Kinds => new(KindSchemas.All.Map(k => k.Kind));

    [Theory, MemberData(nameof(Files))]
    public void Deploy_crds_is_what_hotswap_crds_generates(string file)
    {
        var path = RepoFiles.PathOf("deploy", "crds", file);
        Assert.True(File.Exists(path), $"{path} is missing; run: hotswap crds --output-dir deploy/crds");
        Assert.True(Generated.Single(f => f.FileName == file).Yaml == File.ReadAllText(path),
            $"{path} differs from the generator's output; run: dotnet run --project Hotswap.Operator -- crds --output-dir deploy/crds");
    }

    [Fact]
    public void Deploy_crds_has_nothing_the_generator_does_not_write() =>
        Assert.Equal(Generated.Select(f => f.FileName).Order(StringComparer.Ordinal),
            Directory.GetFiles(RepoFiles.PathOf("deploy", "crds")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

    [Fact]
    public void The_crds_command_prints_all_four_as_one_stream()
    {
        var run = Cli.Run("crds");
        Assert.True(run.ExitCode == 0, run.Error);
        var kinds = YamlJson.ReadAll(run.Out).Select(d => d["spec"]!["names"]!["kind"]!.GetValue<string>());
        Assert.Equal(["System", "ArgoCDCluster", "ArgoCDApplicationDeployment", "Check"], kinds);
    }

    [Theory, MemberData(nameof(Kinds))]
    public void Each_kind_is_served_with_status_short_names_and_the_hotswap_category(string kind)
    {
        var spec = CrdOf(kind)["spec"]!;
        Assert.Equal("hotswap.mumoshu.github.io", spec["group"]!.GetValue<string>());
        Assert.Equal("Namespaced", spec["scope"]!.GetValue<string>());
        Assert.Equal(["hotswap"], spec["names"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.NotEmpty(spec["names"]!["shortNames"]!.AsArray());
        var version = Assert.Single(spec["versions"]!.AsArray())!;
        Assert.Equal("v1alpha1", version["name"]!.GetValue<string>());
        Assert.NotNull(version["subresources"]!["status"]);
        Assert.Equal("object", version["schema"]!["openAPIV3Schema"]!["properties"]!["status"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("System", "Phase=.status.phase,Progress=.status.progress,Message=.status.message,Age=.metadata.creationTimestamp")]
    [InlineData("Check", "Passed=.status.lastPassed,Value=.status.results[-1:].value,Last Run=.status.lastRunTime,Age=.metadata.creationTimestamp")]
    public void Kubectl_get_prints_the_columns_people_look_for(string kind, string columns)
    {
        var printed = CrdOf(kind)["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Select(c => $"{c!["name"]}={c["jsonPath"]}");
        Assert.Equal(columns, string.Join(",", printed));
    }

    /// <summary>Kubernetes' structural-schema rules, and a description on every field.</summary>
    [Theory, MemberData(nameof(Kinds))]
    public void The_schema_is_structural_and_every_field_is_described(string kind)
    {
        var problems = new List<string>();
        var root = (JsonObject)CrdOf(kind)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;
        Walk(root, "", problems, describe: false);
        Assert.Empty(problems);
    }

    static readonly string[] SchemaKeys =
    [
        "type", "description", "properties", "required", "items", "additionalProperties", "enum", "pattern",
        "format", "minimum", "maximum", "default", "nullable", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-list-type", "x-kubernetes-list-map-keys",
    ];

    static void Walk(JsonObject s, string path, List<string> problems, bool describe)
    {
        foreach (var key in s.Select(kv => kv.Key).Where(k => !SchemaKeys.Contains(k)))
            problems.Add($"{path}: unexpected schema key {key}");
        if (s["type"] is null) problems.Add($"{path}: no type");
        if (describe && string.IsNullOrWhiteSpace(s["description"]?.GetValue<string>())) problems.Add($"{path}: no description");
        if (s["properties"] is not null && s["additionalProperties"] is not null)
            problems.Add($"{path}: properties and additionalProperties together");
        if (s["type"]?.GetValue<string>() == "array" && s["items"] is null) problems.Add($"{path}: an array without items");
        if (s["x-kubernetes-list-type"]?.GetValue<string>() == "map")
            foreach (var k in s["x-kubernetes-list-map-keys"]!.AsArray())
                if (s["items"]!["required"]?.AsArray().Any(r => r!.GetValue<string>() == k!.GetValue<string>()) != true)
                    problems.Add($"{path}: list-map key {k} is not required");
        if (s["properties"] is JsonObject props)
            foreach (var (name, child) in props)
                Walk((JsonObject)child!, $"{path}.{name}", problems, describe: true);
        if (s["items"] is JsonObject items) Walk(items, path + "[]", problems, describe: false);
        if (s["additionalProperties"] is JsonObject values) Walk(values, path + ".*", problems, describe: false);
    }

    /// <summary>Every System manifest in examples/ except the deliberately broken one.</summary>
    public static TheoryData<string> Systems => new(
        Directory.GetFiles(RepoFiles.PathOf("examples"), "*.yaml")
            .Where(f => File.ReadAllText(f).Contains("\nkind: System") && !f.Contains("invalid"))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory, MemberData(nameof(Systems))]
    public void An_example_System_passes_the_schema_with_no_unknown_field(string file)
    {
        var system = YamlJson.Read(RepoFiles.Read("examples", file));
        var schema = Schema("System");
        Assert.Empty(schema.Validate(system).Select(e => e.Message));
        Assert.Empty(schema.UnknownFields(system));
    }

    [Fact]
    public void The_invalid_example_fails_the_schema_too()
    {
        var system = YamlJson.Read(RepoFiles.Read("examples", "invalid-five-mistakes.yaml"));
        var schema = Schema("System");
        Assert.NotEmpty(schema.Validate(system).Select(e => e.Message).Concat(schema.UnknownFields(system)));
    }

    public static TheoryData<string, string, string> Violations => new()
    {
        { "priority: 10", "priority: 0", "spec.applications[0].alb.forwardConfig.priority" },
        { "stepWeight: 10", "stepWeight: 1000", "spec.applications[0].alb.updateStrategy.stepWeight" },
        { "type: CreateBeforeDelete", "type: CreateThenDelete", "spec.applications[0].argocd.updateStrategy.type" },
        { "readyTimeout: 60m", "readyTimeout: 60 minutes", "spec.clusters[0].readyTimeout" },
        { "provider: datadog", "provider: graphite", "spec.applications[0].checks[0].analysis.provider" },
        { "    delay: 60s", "    delay: soon", "spec.rollback.delay" },
    };

    [Theory, MemberData(nameof(Violations))]
    public void A_value_hotswap_refuses_is_refused_by_the_schema(string find, string replace, string field)
    {
        var text = RepoFiles.Read("examples", "mysystem-v2.yaml");
        Assert.Contains(find, text);
        var errors = Schema("System").Validate(YamlJson.Read(text.Replace(find, replace)));
        Assert.Contains(errors, e => e.Field == field);
        Assert.True(SystemManifest.Parse(text.Replace(find, replace)).IsFail, "hotswap accepts what the schema refuses");
    }

    [Fact]
    public void The_old_spelling_of_targetGroupBindingSelector_is_an_unknown_field()
    {
        var text = RepoFiles.Read("examples", "mysystem-v2.yaml").Replace(
            "          arnFromLabel: targetGroupARN\n      updateStrategy: # canary",
            "          targetgroupBindingSelector: {matchLabels: {svc: web}}\n      updateStrategy: # canary");
        Assert.Contains("targetgroupBindingSelector", text);
        Assert.Equal(["spec.applications[0].alb.forwardConfig.targetGroup.targetgroupBindingSelector"],
            Schema("System").UnknownFields(YamlJson.Read(text)));
    }

    /// <summary>The defaults Kubernetes fills in are the ones the parser assumes: the same System either way.</summary>
    [Theory, MemberData(nameof(Systems))]
    public void Schema_defaults_and_parser_defaults_agree(string file)
    {
        var text = RepoFiles.Read("examples", file);
        var defaulted = YamlJson.Read(text)!;
        Schema("System").ApplyDefaults(defaulted);
        var before = SystemManifest.Parse(text).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var after = SystemManifest.Parse(defaulted.ToJsonString()).Match(s => s, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        Assert.Equal(before, after);
        Assert.NotEqual(YamlJson.Read(text)!.ToJsonString(), defaulted.ToJsonString());
    }

    /// <summary>
    /// The half-migrated example world, with every status also carrying what the reconcilers add
    /// (observedGeneration, a condition, the last failure), so every status field is written.
    /// </summary>
    static (JsonNode World, JsonNode Plan) Written()
    {
        var world = WorldDocument.Parse(RepoFiles.Read("examples", "worlds", "mysystem-half-migrated.yaml"))
            .Match(w => w, e => throw new Xunit.Sdk.XunitException(string.Join("\n", e)));
        var at = DateTimeOffset.Parse("2026-11-24T10:04:00Z", CultureInfo.InvariantCulture);
        var conditions = Seq1(new Condition("Degraded", "True", "Throttled", "Rate exceeded", at));
        var failure = Some(new CommandFailure("set-weights", "rule/listener#10", at, "Throttled", "Rate exceeded"));
        var rich = world with
        {
            ArgoCDClusters = world.ArgoCDClusters.Map(o => o with { Status = o.Status with { ObservedGeneration = 2, Conditions = conditions, LastFailure = failure } }),
            Deployments = world.Deployments.Map(o => o with
            {
                Spec = o.Spec with { ApplicationSet = o.Spec.ApplicationSet with { Selector = o.Spec.ApplicationSet.Selector with {
                    MatchExpressions = Seq1(new LabelSelectorRequirement("tier", SelectorOperator.NotIn, Seq1("batch"))) } } },
                Status = o.Status with { ObservedGeneration = 2, Conditions = conditions, LastFailure = failure },
            }),
            Checks = world.Checks.Map(o => o with
            {
                Spec = o.Spec with { Min = Some(0.0) },
                Status = o.Status with { ObservedGeneration = 2, Conditions = conditions, LastFailure = failure },
            }),
            SystemStatus = world.SystemStatus.Map(s => s with
            {
                LastFailure = failure,
                Applications = s.Applications.Select((a, i) => i == 0 ? a with { LastFailure = failure } : a).ToSeq(),
            }),
        };
        var spec = SystemManifest.Parse(RepoFiles.Read("examples", "mysystem-v2.yaml")).Match(s => s, _ => throw new Xunit.Sdk.XunitException("invalid"));
        var plan = JsonNode.Parse(PlanDocument.ToJson(Reconciliation.Plan(spec, rich,
            DateTimeOffset.Parse("2026-11-24T10:05:06Z", CultureInfo.InvariantCulture))))!;
        return (YamlJson.Read(WorldDocument.Write(rich))!, plan);
    }

    static readonly (string Key, string Kind)[] Children =
        [("argocdClusters", "ArgoCDCluster"), ("deployments", "ArgoCDApplicationDeployment"), ("checks", "Check")];

    /// <summary>Each spec and status hotswap writes, by kind and part: from the world file and from the plan's JSON (which keeps nulls).</summary>
    static List<(string Kind, string Part, JsonNode Value)> WrittenParts()
    {
        var (written, plan) = Written();
        var parts = new List<(string Kind, string Part, JsonNode Value)>();
        foreach (var (key, kind) in Children)
        {
            foreach (var o in written[key]!.AsArray())
                parts.AddRange([(kind, "spec", o!["spec"]!), (kind, "status", o["status"]!)]);
            parts.AddRange(plan[key]!.AsArray().Select(o => (kind, "status", o!["status"]!)));
        }
        parts.Add(("System", "status", written["systemStatus"]!));
        parts.Add(("System", "status", plan["system"]!["status"]!));
        return parts;
    }

    /// <summary>Children and statuses as hotswap writes them (Core's document shapes) fit their kinds' schemas.</summary>
    [Fact]
    public void What_hotswap_writes_for_children_and_statuses_fits_the_schemas()
    {
        var parts = WrittenParts();
        Assert.True(parts.Count > 20, $"only {parts.Count} parts");
        var problems = parts.SelectMany(p =>
        {
            var schema = Part(p.Kind, p.Part);
            return schema.Validate(p.Value).Select(e => $"{p.Kind}.{p.Part}: {e.Message}")
                .Concat(schema.UnknownFields(p.Value).Select(f => $"{p.Kind}.{p.Part}: unknown {f}"));
        });
        Assert.Empty(problems);
    }

    /// <summary>No field in a child's spec or any status schema that hotswap never writes.</summary>
    [Fact]
    public void Every_field_of_the_written_schemas_is_written()
    {
        var parts = WrittenParts();
        var missing = parts.Select(p => (p.Kind, p.Part)).Distinct()
            .SelectMany(kp => Paths(Part(kp.Kind, kp.Part).Schema, "")
                .Except(parts.Where(p => (p.Kind, p.Part) == kp).SelectMany(p => Present(p.Value, "")))
                .Select(path => $"{kp.Kind}.{kp.Part}{path}"));
        Assert.Empty(missing);
    }

    static IEnumerable<string> Paths(JsonObject schema, string path) =>
        (schema["properties"] as JsonObject ?? []).SelectMany(p => Paths((JsonObject)p.Value!, $"{path}.{p.Key}").Prepend($"{path}.{p.Key}"))
        .Concat(schema["items"] is JsonObject items ? Paths(items, path + "[]") : []);

    static IEnumerable<string> Present(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Present(p.Value, $"{path}.{p.Key}").Prepend($"{path}.{p.Key}")),
        JsonArray a => a.SelectMany(i => Present(i, path + "[]")),
        _ => [],
    };

    static StructuralSchemaValidator Part(string kind, string part) =>
        new((JsonObject)CrdOf(kind)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!["properties"]![part]!.DeepClone());
}
