using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>
/// The resources served: the built-in kinds hotswap and kubectl use, plus every established
/// CustomResourceDefinition. Thread-safe for readers; the store registers CRDs as they are written.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly object gate = new();
    private List<ResourceType> types = [.. BuiltIns()];

    public IReadOnlyList<ResourceType> All { get { lock (gate) return types; } }

    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    public ResourceType? FindKind(string apiVersion, string kind) =>
        All.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    /// <summary>The preferred (first served) version of a stored collection.</summary>
    public ResourceType? Preferred(string storageKey) => All.FirstOrDefault(t => t.StorageKey == storageKey);

    /// <summary>Registers (or replaces) the served versions of a CRD object.</summary>
    public void Register(JsonObject crd)
    {
        var fresh = FromCrd(crd);
        var name = crd["metadata"]?["name"]?.GetValue<string>();
        lock (gate)
            types = [.. types.Where(t => !(t.IsCustom && $"{t.Plural}.{t.Group}" == name)), .. fresh];
    }

    public void Unregister(string crdName)
    {
        lock (gate) types = [.. types.Where(t => !(t.IsCustom && $"{t.Plural}.{t.Group}" == crdName))];
    }

    /// <summary>The served versions of a CRD, storage version first.</summary>
    public static IReadOnlyList<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var group = Str(spec["group"]);
        var names = spec["names"]!.AsObject();
        var versions = spec["versions"]!.AsArray().OfType<JsonObject>()
            .Where(v => v["served"]?.GetValue<bool>() ?? true)
            .OrderByDescending(v => v["storage"]?.GetValue<bool>() ?? false)
            .ToList();
        return versions.Select(v => new ResourceType(
            group, Str(v["name"]), Str(names["kind"]), Str(names["plural"]),
            names["singular"] is { } s ? Str(s) : Str(names["kind"]).ToLowerInvariant(),
            Str(spec["scope"]) != "Cluster",
            v["subresources"]?["status"] is not null,
            Strings(names["shortNames"]), Strings(names["categories"]),
            CrdColumns(v),
            v["schema"]?["openAPIV3Schema"]?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
            IsCustom: true)).ToList();
    }

    private static List<PrinterColumn> CrdColumns(JsonObject version)
    {
        if (version["additionalPrinterColumns"] is not JsonArray cols)
            return [new("Age", "date", ".metadata.creationTimestamp")];
        return cols.OfType<JsonObject>().Select(c => new PrinterColumn(
            Str(c["name"]), Str(c["type"]), Str(c["jsonPath"]),
            int.TryParse(c["priority"]?.ToString(), out var priority) ? priority : 0,
            c["description"] is { } d ? Str(d) : "",
            c["format"] is { } f ? Str(f) : "")).ToList();
    }

    private static string Str(JsonNode? n) => n?.GetValue<string>() ?? "";

    private static List<string> Strings(JsonNode? n) =>
        n is JsonArray a ? a.Select(x => Str(x)).ToList() : [];

    private static readonly PrinterColumn Age = new("Age", "date", ".metadata.creationTimestamp");

    /// <summary>kubectl get events: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, whichever shape the Event is read in.</summary>
    private static readonly PrinterColumn[] EventColumns =
    [
        new("Last Seen", "string", "") { Compute = (e, now) => TableConverter.Age(
            e["lastTimestamp"] ?? e["deprecatedLastTimestamp"] ?? e["series"]?["lastObservedTime"] ?? e["eventTime"], now) },
        new("Type", "string", ".type"),
        new("Reason", "string", ".reason"),
        new("Object", "string", "") { Compute = (e, _) => (e["involvedObject"] ?? e["regarding"]) is JsonObject o
            ? $"{o["kind"]?.ToString().ToLowerInvariant()}/{o["name"]}" : null },
        new("Message", "string", "") { Compute = (e, _) => (e["message"] ?? e["note"])?.DeepClone() },
    ];

    private static IEnumerable<ResourceType> BuiltIns()
    {
        ResourceType T(string g, string v, string kind, string plural, bool ns, bool status,
            string[]? shortNames = null, string[]? categories = null, params PrinterColumn[] cols) =>
            new(g, v, kind, plural, kind.ToLowerInvariant(), ns, status,
                shortNames ?? [], categories ?? [], kind == "CustomResourceDefinition" ? cols : [.. cols, Age]);

        yield return T("", "v1", "Namespace", "namespaces", false, true, ["ns"], null,
            new PrinterColumn("Status", "string", ".status.phase"));
        yield return T("", "v1", "Secret", "secrets", true, false, null, null,
            new PrinterColumn("Type", "string", ".type"));
        yield return T("", "v1", "ConfigMap", "configmaps", true, false, ["cm"]);
        yield return T("", "v1", "ServiceAccount", "serviceaccounts", true, false, ["sa"]);
        yield return T("", "v1", "Service", "services", true, true, ["svc"], ["all"],
            new PrinterColumn("Type", "string", ".spec.type"),
            new PrinterColumn("Cluster-IP", "string", ".spec.clusterIP"));
        yield return T("", "v1", "Pod", "pods", true, true, ["po"], ["all"],
            new PrinterColumn("Status", "string", ".status.phase"));
        yield return new("", "v1", "Event", "events", "event", true, false, ["ev"], [], EventColumns, NameColumn: false);
        yield return T("apps", "v1", "Deployment", "deployments", true, true, ["deploy"], ["all"]);
        yield return T("apps", "v1", "StatefulSet", "statefulsets", true, true, ["sts"], ["all"]);
        yield return T("apps", "v1", "DaemonSet", "daemonsets", true, true, ["ds"], ["all"]);
        yield return T("apps", "v1", "ReplicaSet", "replicasets", true, true, ["rs"], ["all"]);
        yield return T("apps", "v1", "ControllerRevision", "controllerrevisions", true, false, null, null,
            new PrinterColumn("Revision", "integer", ".revision"));
        yield return T("batch", "v1", "Job", "jobs", true, true, null, ["all"],
            new PrinterColumn("Succeeded", "integer", ".status.succeeded"));
        yield return T("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, true, ["pdb"], null,
            new PrinterColumn("Min Available", "string", ".spec.minAvailable"));
        yield return T("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false);
        yield return T("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, false, null, null,
            new PrinterColumn("Role", "string", ".roleRef.name"));
        yield return T("rbac.authorization.k8s.io", "v1", "Role", "roles", true, false);
        yield return T("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, false, null, null,
            new PrinterColumn("Role", "string", ".roleRef.name"));
        yield return T("coordination.k8s.io", "v1", "Lease", "leases", true, false, null, null,
            new PrinterColumn("Holder", "string", ".spec.holderIdentity"));
        yield return new("events.k8s.io", "v1", "Event", "events", "event", true, false, ["ev"], [], EventColumns,
            Storage: "/events", NameColumn: false);
        yield return T("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions",
            false, true, ["crd", "crds"], ["api-extensions"],
            new PrinterColumn("Created At", "string", ".metadata.creationTimestamp"));
    }
}
