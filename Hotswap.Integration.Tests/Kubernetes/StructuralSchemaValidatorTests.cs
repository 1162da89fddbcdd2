using System.Text.Json.Nodes;
using Hotswap.Testing.KubeApi;

namespace Hotswap.Integration.Tests.Kubernetes;

/// <summary>The CRD schema checks, worded as the API server words them.</summary>
public sealed class StructuralSchemaValidatorTests
{
    private static readonly JsonObject Schema = YamlJson.Read("""
        type: object
        properties:
          spec:
            type: object
            required: [name]
            properties:
              name: {type: string, pattern: '^[a-z]+$', maxLength: 8, minLength: 2}
              replicas: {type: integer, minimum: 1, maximum: 5}
              ratio: {type: number, exclusiveMinimum: true, minimum: 0}
              mode: {type: string, enum: [blue, green], default: blue}
              port: {x-kubernetes-int-or-string: true}
              optional: {type: string, nullable: true}
              since: {type: string, format: date-time}
              tags: {type: array, maxItems: 2, items: {type: string}}
              steps:
                type: array
                minItems: 1
                items:
                  type: object
                  required: [weight]
                  properties:
                    weight: {type: integer, default: 10}
                    pause: {type: string, default: 1m}
              labels: {type: object, additionalProperties: {type: string}}
              free: {type: object, x-kubernetes-preserve-unknown-fields: true}
              either:
                type: object
                properties: {a: {type: string}, b: {type: string}}
                anyOf: [{required: [a]}, {required: [b]}]
          status: {type: object, properties: {phase: {type: string}}}
        """)!.AsObject();

    private static IReadOnlyList<string> Errors(string specJson)
    {
        var obj = new JsonObject { ["apiVersion"] = "x/v1", ["kind"] = "X", ["metadata"] = new JsonObject { ["name"] = "n" }, ["spec"] = JsonNode.Parse(specJson) };
        return new StructuralSchemaValidator(Schema).Validate(obj).Select(e => e.ToString()).ToList();
    }

    [Theory]
    [InlineData("valid", """{"name":"web","replicas":3,"port":"http","steps":[{"weight":5}]}""", "")]
    [InlineData("wrong type", """{"name":"web","replicas":"three"}""", "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")]
    [InlineData("fraction for integer", """{"name":"web","replicas":1.5}""", "spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"")]
    [InlineData("missing required", """{"replicas":1}""", "spec.name: Required value")]
    [InlineData("not in enum", """{"name":"web","mode":"red"}""", "spec.mode: Unsupported value: \"red\": supported values: \"blue\", \"green\"")]
    [InlineData("below minimum", """{"name":"web","replicas":0}""", "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1")]
    [InlineData("above maximum", """{"name":"web","replicas":6}""", "spec.replicas: Invalid value: 6: spec.replicas in body should be less than or equal to 5")]
    [InlineData("exclusive minimum", """{"name":"web","ratio":0}""", "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0")]
    [InlineData("pattern", """{"name":"Web"}""", "spec.name: Invalid value: \"Web\": spec.name in body should match '^[a-z]+$'")]
    [InlineData("too long", """{"name":"abcdefghi"}""", "spec.name: Too long: may not be more than 8 bytes")]
    [InlineData("too short", """{"name":"a"}""", "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long")]
    [InlineData("int-or-string", """{"name":"web","port":true}""", "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")]
    [InlineData("null where not nullable", """{"name":"web","mode":null}""", "spec.mode: Invalid value: \"null\": spec.mode in body must be of type string: \"null\"")]
    [InlineData("null where nullable", """{"name":"web","optional":null}""", "")]
    [InlineData("date-time", """{"name":"web","since":"2026-11-25T10:00:00.1234567+00:00"}""", "")]
    [InlineData("not a date-time", """{"name":"web","since":"11/25/2026 10:00:00"}""", "spec.since: Invalid value: \"11/25/2026 10:00:00\": spec.since in body must be of type date-time: \"11/25/2026 10:00:00\"")]
    [InlineData("too many items", """{"name":"web","tags":["a","b","c"]}""", "spec.tags: Too many: 3: must have at most 2 items")]
    [InlineData("too few items", """{"name":"web","steps":[]}""", "spec.steps: Invalid value: 0: spec.steps in body should have at least 1 items")]
    [InlineData("item path", """{"name":"web","steps":[{"weight":1},{"pause":"1m"}]}""", "spec.steps[1].weight: Required value")]
    [InlineData("map values", """{"name":"web","labels":{"a":"b","c":1}}""", "spec.labels.c: Invalid value: \"integer\": spec.labels.c in body must be of type string: \"integer\"")]
    [InlineData("preserved unknown fields", """{"name":"web","free":{"anything":[1,{"x":true}]}}""", "")]
    [InlineData("anyOf", """{"name":"web","either":{}}""", "spec.either: Invalid value: \"object\": spec.either in body must validate at least one schema (anyOf)")]
    public void Validate_words_each_violation_with_its_field_path(string name, string spec, string expected)
    {
        Assert.True(string.Join("\n", Errors(spec)) == expected, $"{name}: {string.Join("\n", Errors(spec))}");
    }

    [Fact]
    public void Unknown_fields_are_reported_then_pruned_but_metadata_and_preserved_fields_stay()
    {
        var obj = JsonNode.Parse("""
            {"apiVersion":"x/v1","kind":"X","metadata":{"name":"n","labels":{"a":"b"}},
             "spec":{"name":"web","colour":"blue","steps":[{"weight":1,"extra":true}],"free":{"kept":1}},"other":1}
            """)!;
        var validator = new StructuralSchemaValidator(Schema);
        Assert.Equal(["spec.colour", "spec.steps[0].extra", "other"], validator.UnknownFields(obj));
        validator.Prune(obj);
        Assert.Equal("""{"apiVersion":"x/v1","kind":"X","metadata":{"name":"n","labels":{"a":"b"}},"spec":{"name":"web","steps":[{"weight":1}],"free":{"kept":1}}}""", obj.ToJsonString());
    }

    [Fact]
    public void Defaults_fill_missing_fields_inside_objects_and_list_items()
    {
        var obj = JsonNode.Parse("""{"spec":{"name":"web","steps":[{},{"weight":3,"pause":"5m"}]}}""")!;
        new StructuralSchemaValidator(Schema).ApplyDefaults(obj);
        Assert.Equal("""{"spec":{"name":"web","steps":[{"weight":10,"pause":"1m"},{"weight":3,"pause":"5m"}],"mode":"blue"}}""", obj.ToJsonString());
    }

    [Fact]
    public void The_upstream_TargetGroupBinding_CRD_validates_its_own_kind()
    {
        var crd = YamlJson.ReadPath(RepoFiles.SharedPath("upstream", "aws-load-balancer-controller", "targetgroupbindings-crd.yaml")).Single();
        var validator = StructuralSchemaValidator.ForCrd(crd, "v1beta1");
        var good = YamlJson.Read(Manifests.TargetGroupBinding("default", "web"));
        Assert.Empty(validator.Validate(good));
        var bad = YamlJson.Read(Manifests.TargetGroupBinding("default", "web", extraSpec: "  targetType: bogus"));
        Assert.Equal("spec.targetType: Unsupported value: \"bogus\": supported values: \"instance\", \"ip\"", Assert.Single(validator.Validate(bad)).ToString());
    }
}
