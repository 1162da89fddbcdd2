using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Effects.Aws;
using Microsoft.Extensions.Logging;

namespace Hotswap.Operator.Hosting;

/// <summary>
/// <c>hotswap run</c>'s configuration, from its flags and <c>HOTSWAP_*</c> variables (flags win),
/// validated as a whole: <see cref="Parse"/> reports every bad value at once, one line each.
/// Secret values are not here: the Datadog keys and the Prometheus token are read at start from
/// where these settings point, so printing the settings can never leak them.
/// </summary>
public sealed record RunSettings(
    KubeconfigSource Kubeconfig,
    string? Context,
    IReadOnlyList<string> Namespaces,
    string ArgoNamespace,
    string? AwsRegion,
    LanguageExt.Map<string, Uri> AwsEndpoints,
    Uri? PrometheusUrl,
    string? PrometheusBearerTokenFile,
    string? PrometheusCaFile,
    string DatadogSite,
    DatadogSecretRef? DatadogSecret,
    int Workers,
    TimeSpan ResyncPeriod,
    LeaderElectionSettings LeaderElection,
    BindAddress? MetricsAddress,
    BindAddress? HealthAddress,
    bool DryRun,
    LogFormat LogFormat,
    LogLevel LogLevel,
    string Identity)
{
    /// <summary>
    /// The settings from <paramref name="given"/> (values given on the command line, by flag name;
    /// a switch given alone has the value "true") and the environment; null with one line per bad
    /// value in <paramref name="errors"/>.
    /// </summary>
    public static RunSettings? Parse(
        IReadOnlyDictionary<string, IReadOnlyList<string>> given, Func<string, string?> environment, out IReadOnlyList<string> errors)
    {
        var read = new Reader(given, environment);
        var namespaces = read.List(RunFlags.Namespace);
        var workers = read.Number(RunFlags.Workers, 4, 1, 1000);
        var resync = read.Duration(RunFlags.ResyncPeriod, TimeSpan.FromMinutes(10), positive: true);
        var before = read.Errors.Count;
        var election = new LeaderElectionSettings(
            read.Switch(RunFlags.LeaderElect, true),
            read.Text(RunFlags.LeaderElectionNamespace) ?? Nonempty(environment("POD_NAMESPACE")) ?? "hotswap-system",
            read.Text(RunFlags.LeaderElectionId) ?? "hotswap-operator",
            read.Duration(RunFlags.LeaseDuration, TimeSpan.FromSeconds(15), positive: true),
            read.Duration(RunFlags.RenewDeadline, TimeSpan.FromSeconds(10), positive: true),
            read.Duration(RunFlags.RetryPeriod, TimeSpan.FromSeconds(2), positive: true));
        // The durations are checked together only when each one parsed.
        if (election.Enabled && read.Errors.Count == before) read.Errors.AddRange(election.Problems());
        var settings = new RunSettings(
            KubeconfigSource.Choose(read.Text(RunFlags.Kubeconfig), environment),
            read.Text(RunFlags.Context),
            namespaces,
            read.Text(RunFlags.ArgoNamespace) ?? "argocd",
            read.Text(RunFlags.AwsRegion),
            AwsSettings.EndpointsFrom(environment, read.Url(RunFlags.AwsEndpointUrl, "http://127.0.0.1:5000"), read.Errors.Add),
            read.Url(RunFlags.PrometheusUrl, "http://prometheus.monitoring:9090"),
            read.Text(RunFlags.PrometheusBearerTokenFile),
            read.Text(RunFlags.PrometheusCaFile),
            read.Text(RunFlags.DatadogSite) ?? "datadoghq.com",
            read.SecretRef(RunFlags.DatadogSecret),
            workers,
            resync,
            election,
            read.Address(RunFlags.MetricsBindAddress, ":8080"),
            read.Address(RunFlags.HealthProbeBindAddress, ":8081"),
            read.Switch(RunFlags.DryRun, false),
            read.Choice(RunFlags.LogFormat, LogFormat.Json, ("json", LogFormat.Json), ("text", LogFormat.Text)),
            read.Choice(RunFlags.LogLevel, LogLevel.Information,
                ("debug", LogLevel.Debug), ("info", LogLevel.Information), ("warn", LogLevel.Warning), ("warning", LogLevel.Warning),
                ("error", LogLevel.Error)),
            Nonempty(environment("POD_NAME")) ?? ReplicaName());
        var named = namespaces.Select(n => (Flag: RunFlags.Namespace, Name: n))
            .Append((RunFlags.ArgoNamespace, settings.ArgoNamespace)).Append((RunFlags.LeaderElectionNamespace, election.Namespace));
        foreach (var (flag, ns) in named.Where(n => !IsDnsLabel(n.Item2)))
            read.Errors.Add($"{flag.Name}: \"{ns}\" is not a namespace name (lower-case letters, digits and '-', at most 63)");
        errors = read.Errors;
        return errors.Count == 0 ? settings : null;
    }

    /// <summary>The host name and a random suffix, as client-go names a replica outside a pod.</summary>
    private static string ReplicaName() => $"{Environment.MachineName.ToLowerInvariant()}_{Guid.NewGuid().ToString("N")[..8]}";

    private static string? Nonempty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsDnsLabel(string s) =>
        s.Length is > 0 and <= 63 && s.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && s[0] != '-' && s[^1] != '-';

    /// <summary>Reads flags, falling back to their variables, collecting one error line per bad value.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, IReadOnlyList<string>> given, Func<string, string?> environment)
    {
        public List<string> Errors { get; } = [];

        /// <summary>The raw value and where it came from ("" when from the flag), or null when neither says.</summary>
        private (string Value, string From)? Raw(RunFlag flag)
        {
            if (given.TryGetValue(flag.Name, out var values) && values.Count > 0) return (values[^1], "");
            return environment(flag.EnvironmentVariable) is { Length: > 0 } env ? (env.Trim(), $" (from {flag.EnvironmentVariable})") : null;
        }

        private void Fail(RunFlag flag, string from, string message) => Errors.Add($"{flag.Name}: {message}{from}");

        public string? Text(RunFlag flag) => Raw(flag) is { } r && r.Value.Trim().Length > 0 ? r.Value.Trim() : null;

        public IReadOnlyList<string> List(RunFlag flag)
        {
            IEnumerable<string> values = given.TryGetValue(flag.Name, out var v) && v.Count > 0 ? v
                : environment(flag.EnvironmentVariable) is { Length: > 0 } env ? [env] : [];
            return [.. values.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct()];
        }

        public int Number(RunFlag flag, int fallback, int min, int max)
        {
            if (Raw(flag) is not { } r) return fallback;
            if (int.TryParse(r.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            Fail(flag, r.From, $"\"{r.Value}\" is not a whole number from {min} to {max}");
            return fallback;
        }

        public TimeSpan Duration(RunFlag flag, TimeSpan fallback, bool positive)
        {
            if (Raw(flag) is not { } r) return fallback;
            var parsed = Durations.Parse(r.Value);
            if (parsed.IsSome && parsed.Exists(d => !positive || d > TimeSpan.Zero))
                return parsed.Match(d => d, () => fallback);
            Fail(flag, r.From, $"\"{r.Value}\" is not a duration such as 30s, 1m30s or 10m{(positive ? " (more than 0)" : "")}");
            return fallback;
        }

        public bool Switch(RunFlag flag, bool fallback)
        {
            if (Raw(flag) is not { } r) return fallback;
            switch (r.Value.ToLowerInvariant())
            {
                case "true" or "1" or "yes": return true;
                case "false" or "0" or "no": return false;
                default:
                    Fail(flag, r.From, $"\"{r.Value}\" is not true or false");
                    return fallback;
            }
        }

        public T Choice<T>(RunFlag flag, T fallback, params (string Name, T Value)[] choices)
        {
            if (Raw(flag) is not { } r) return fallback;
            foreach (var (name, value) in choices)
                if (string.Equals(name, r.Value, StringComparison.OrdinalIgnoreCase)) return value;
            Fail(flag, r.From, $"\"{r.Value}\" is not one of {string.Join(", ", choices.Select(c => c.Name))}");
            return fallback;
        }

        public Uri? Url(RunFlag flag, string example)
        {
            if (Raw(flag) is not { } r) return null;
            if (Uri.TryCreate(r.Value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri + "/");
            Fail(flag, r.From, $"\"{r.Value}\" is not an http(s) URL such as {example}");
            return null;
        }

        public BindAddress? Address(RunFlag flag, string fallback)
        {
            var r = Raw(flag) ?? (fallback, "");
            var address = BindAddress.Parse(r.Value, out var error);
            if (error is not null) Fail(flag, r.From, error);
            return address;
        }

        public DatadogSecretRef? SecretRef(RunFlag flag)
        {
            if (Raw(flag) is not { } r) return null;
            var parts = r.Value.Split('/');
            if (parts is [{ Length: > 0 } ns, { Length: > 0 } name]) return new DatadogSecretRef(ns, name);
            Fail(flag, r.From, $"\"{r.Value}\" is not NAMESPACE/NAME");
            return null;
        }
    }
}
