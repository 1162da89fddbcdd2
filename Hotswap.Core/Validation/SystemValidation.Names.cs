using System.Text.RegularExpressions;
using Hotswap.Core.Spec;

namespace Hotswap.Core.Validation;

public static partial class SystemValidation
{
    static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>
    /// System, cluster, application and check names become parts of Kubernetes object names
    /// (<c>&lt;system&gt;-&lt;cluster&gt;</c>, <c>&lt;system&gt;-&lt;app&gt;</c>), so each must be a DNS-1123
    /// label and the joined name must fit a DNS-1123 subdomain (253).
    /// </summary>
    public static Validation<SpecError, Unit> NamesAreDns1123Labels(SystemSpec spec)
    {
        var named = new[] { (What: "System", Name: spec.Name, Path: "metadata.name") }
            .Concat(Clusters(spec).Select(c => (What: "cluster", c.Cluster.Name, Path: $"{c.Path}.name")))
            .Concat(Apps(spec).Select(a => (What: "application", a.App.Name, Path: $"{a.Path}.name")))
            .Concat(Apps(spec).SelectMany(a => CheckNames(a.App, a.Path)).Select(c => (What: "check", c.Name, c.Path)));
        var bad = named.Where(n => !IsDns1123Label(n.Name)).Select(n => new SpecError(
            "invalid-name", n.Path,
            $"{n.What} name \"{n.Name}\" must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"));
        var tooLong = Clusters(spec)
            .Where(c => spec.Name.Length + 1 + c.Cluster.Name.Length > 253)
            .Select(c => new SpecError("invalid-name", $"{c.Path}.name",
                $"\"{spec.Name}-{c.Cluster.Name}\" (the ArgoCD cluster secret's name) is longer than 253 characters"));
        return Report(bad.Concat(tooLong));
    }

    public static bool IsDns1123Label(string name) => name.Length <= 63 && Dns1123Label.IsMatch(name);

    /// <summary>checks, prechecks and postchecks of one application share one namespace.</summary>
    static IEnumerable<(string Name, string Path)> CheckNames(ApplicationSpec app, string path) =>
        app.Checks.Select((c, i) => (c.Name, $"{path}.checks[{i}].name"))
            .Concat(app.Prechecks.Select((c, i) => (c.Name, $"{path}.prechecks[{i}].name")))
            .Concat(app.Postchecks.Select((c, i) => (c.Name, $"{path}.postchecks[{i}].name")));

    public static Validation<SpecError, Unit> ClusterNamesAreUnique(SystemSpec spec) =>
        Report(Duplicates(Clusters(spec).Select(c => (c.Cluster.Name, $"{c.Path}.name")), "cluster", "the System"));

    public static Validation<SpecError, Unit> ApplicationNamesAreUnique(SystemSpec spec) =>
        Report(Duplicates(Apps(spec).Select(a => (a.App.Name, $"{a.Path}.name")), "application", "the System"));

    public static Validation<SpecError, Unit> CheckNamesAreUniquePerApplication(SystemSpec spec) =>
        Report(Apps(spec).SelectMany(a => Duplicates(CheckNames(a.App, a.Path), "check",
            $"application \"{a.App.Name}\" (checks, prechecks and postchecks share names)")));

    /// <summary>An error at every repeat after the first, naming where the first one is.</summary>
    static IEnumerable<SpecError> Duplicates(IEnumerable<(string Name, string Path)> named, string what, string scope) =>
        named.Where(n => n.Name.Length > 0)
            .GroupBy(n => n.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(n => new SpecError("duplicate-name", n.Path,
                $"{what} name \"{n.Name}\" is used more than once in {scope}; first at {g.First().Path}")));
}
