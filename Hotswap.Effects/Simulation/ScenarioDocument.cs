using System.Globalization;
using Hotswap.Core.Documents;
using Hotswap.Core.Parsing;
using Hotswap.Core.Spec;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Hotswap.Effects.Simulation;

/// <summary>
/// The scenario file of <c>hotswap simulate --scenario</c> (format: docs/simulate.md): how the
/// simulated world behaves, with human-friendly keys, e.g.
/// <code>
/// eks: {readyAfter: 30s, clusters: {mycluster-web-2-v2: {readyAfter: 2m}}}
/// metrics:
///   rules:
///   - {check: web/error-rate, value: 0.5, fromStep: 3}
/// faults: {awsThrottling: 0.1}
/// crashes: {afterCommands: [5, 20, 40]}
/// </code>
/// Every field is optional; an empty file is <see cref="SimulationScenario.Default"/> (starting at
/// 2026-11-24T10:00:00Z unless <c>start</c> says otherwise).
/// </summary>
public static class ScenarioDocument
{
    /// <summary>When a scenario does not say: the same instant the examples' golden plans use.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The scenario used when no file is given.</summary>
    public static readonly SimulationScenario Default = SimulationScenario.Default with { Start = DefaultStart };

    private static readonly string[] TopLevel = ["kind", "start", "eks", "argocd", "jobs", "metrics", "faults", "crashes", "maxRounds"];

    /// <summary>
    /// Reads a scenario (YAML or JSON). Every problem comes with its field path and 1-based line,
    /// unknown fields with a did-you-mean. Never throws on bad input.
    /// </summary>
    public static Validation<SpecError, SimulationScenario> Parse(string text)
    {
        var reader = new Reader();
        var scenario = reader.Load(text ?? "").Match(
            root => Reader.IsNull(root) ? Default : reader.Mapping(root, "", TopLevel).Map(reader.Scenario).IfNone(Default),
            () => Default);
        return reader.Errors.Count > 0
            ? Fail<SpecError, SimulationScenario>(reader.Errors.ToSeq())
            : Success<SpecError, SimulationScenario>(scenario);
    }

    /// <summary>Collects errors while reading, so one pass reports every problem.</summary>
    private sealed class Reader
    {
        public List<SpecError> Errors { get; } = [];

        public Option<YamlNode> Load(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                Errors.Add(new SpecError("yaml-syntax", "scenario", e.Message, (int)e.Start.Line));
                return None;
            }
            if (stream.Documents.Count > 1)
            {
                Errors.Add(new SpecError("yaml-syntax", "scenario", $"expected one document, found {stream.Documents.Count}",
                    (int)stream.Documents[1].RootNode.Start.Line));
                return None;
            }
            return stream.Documents.Count == 0 ? None : Some(stream.Documents[0].RootNode);
        }

        public SimulationScenario Scenario(Fields top)
        {
            var kind = top.Scalar("kind", "Scenario", s => Some(s));
            if (kind != "Scenario")
                Error("invalid-value", top.At("kind"), $"must be Scenario, got \"{kind}\"", top.Node("kind").IfNone(top.Self));
            var eks = top.Nested("eks", "readyAfter", "clusters", "neverReady");
            var argocd = top.Nested("argocd", "syncAfter");
            var jobs = top.Nested("jobs", "duration", "results");
            var metrics = top.Nested("metrics", "default", "rules");
            var faults = top.Nested("faults", "awsThrottling", "awsServerErrors", "kubernetesConflicts");
            var crashes = top.Nested("crashes", "afterCommands");
            var d = Default;
            return d with
            {
                Start = top.Scalar("start", d.Start, Time),
                EksReadyDelay = eks.Map(e => e.Scalar("readyAfter", d.EksReadyDelay, Duration)).IfNone(d.EksReadyDelay),
                EksReadyDelays = eks.Map(ReadyDelays).IfNone(d.EksReadyDelays),
                EksNeverReady = toSet(eks.Map(e => e.List("neverReady", Text)).IfNone(Seq<string>())),
                SyncDelay = argocd.Map(a => a.Scalar("syncAfter", d.SyncDelay, Duration)).IfNone(d.SyncDelay),
                JobDuration = jobs.Map(j => j.Scalar("duration", d.JobDuration, Duration)).IfNone(d.JobDuration),
                JobResults = jobs.Map(JobResults).IfNone(d.JobResults),
                DefaultMetricValue = metrics.Map(m => m.Scalar("default", d.DefaultMetricValue, Number)).IfNone(d.DefaultMetricValue),
                Metrics = metrics.Map(m => m.Objects("rules", Rule, "check", "cluster", "value", "noData", "fromStep", "from"))
                    .IfNone(d.Metrics),
                Faults = faults.Map(Faults).IfNone(d.Faults),
                CrashAfterCommands = crashes.Map(c => c.List("afterCommands", Positive)).IfNone(d.CrashAfterCommands),
                MaxRounds = top.Scalar("maxRounds", d.MaxRounds, Positive),
            };
        }

        private Map<string, TimeSpan> ReadyDelays(Fields eks) =>
            toMap(eks.Entries("clusters")
                .Choose(e => Mapping(e.Value, eks.At($"clusters.{e.Key}"), "readyAfter")
                    .Bind(c => c.Node("readyAfter").IsSome
                        ? Some((e.Key, c.Scalar("readyAfter", TimeSpan.Zero, Duration)))
                        : Missing<(string, TimeSpan)>(c, "readyAfter"))));

        private Map<string, bool> JobResults(Fields jobs) =>
            toMap(jobs.Entries("results")
                .Choose(e => Read(e.Value, jobs.At($"results.{e.Key}"), Result).Map(passed => (e.Key, passed))));

        private MetricBehaviour Rule(Fields rule)
        {
            var check = rule.Scalar("check", "", Text);
            var parts = check.Split('/');
            if (rule.Node("check").IsNone) Missing<Unit>(rule, "check");
            else if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                Error("invalid-value", rule.At("check"),
                    $"must be APPLICATION/CHECK such as web/error-rate, got \"{check}\"", rule.Node("check").IfNone(rule.Self));
            var noData = rule.Scalar("noData", false, Bool);
            if (!noData && rule.Node("value").IsNone)
                Error("missing-field", rule.At("value"), "\"value\" is required unless noData is true", rule.Self);
            return new MetricBehaviour(
                parts[0], parts.Length > 1 ? parts[1] : "",
                rule.Optional("cluster", Text).MatchUnsafe(c => c, () => null),
                rule.Scalar("value", 0, Number),
                rule.Optional("fromStep", NonNegative).MatchUnsafe(v => v, () => (int?)null),
                rule.Optional("from", Duration).MatchUnsafe(v => v, () => (TimeSpan?)null),
                noData);
        }

        private FaultRates Faults(Fields faults) => new(
            faults.Scalar("awsThrottling", 0, Probability),
            faults.Scalar("awsServerErrors", 0, Probability),
            faults.Scalar("kubernetesConflicts", 0, Probability));

        // ---- scalars ----

        public sealed record Scalar<T>(string Expected, Func<string, Option<T>> Parse);

        private static readonly Scalar<string> Text = new("a string", s => Some(s));

        private static readonly Scalar<double> Number = new("a number", s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? Some(v) : None);

        private static readonly Scalar<double> Probability = new("a probability between 0 and 1", s =>
            Number.Parse(s).Filter(v => v is >= 0 and <= 1));

        private static readonly Scalar<int> Positive = new("a positive integer", s =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? Some(v) : None);

        private static readonly Scalar<int> NonNegative = new("an integer of 0 or more", s =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? Some(v) : None);

        private static readonly Scalar<bool> Bool = new("true or false", s =>
            s.Equals("true", StringComparison.OrdinalIgnoreCase) ? Some(true)
            : s.Equals("false", StringComparison.OrdinalIgnoreCase) ? Some(false) : None);

        private static readonly Scalar<bool> Result = new("pass or fail", s =>
            s.ToLowerInvariant() switch { "pass" or "succeed" or "true" => Some(true), "fail" or "false" => Some(false), _ => None });

        private static readonly Scalar<TimeSpan> Duration = new("a duration such as 30s, 2m or 1h30m", Durations.Parse);

        private static readonly Scalar<DateTimeOffset> Time = new("an ISO 8601 time with an offset, e.g. 2026-11-24T10:00:00Z", s =>
            s.Contains('T') && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? Some(t) : None);

        // ---- structure ----

        public static bool IsNull(YamlNode node) =>
            node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

        private static int LineOf(YamlNode node) => (int)node.Start.Line;

        private void Error(string code, string path, string message, YamlNode node) =>
            Errors.Add(new SpecError(code, path.Length == 0 ? "scenario" : path, message, LineOf(node)));

        private Option<T> Missing<T>(Fields fields, string key)
        {
            Error("missing-field", fields.At(key), $"\"{key}\" is required", fields.Self);
            return None;
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s when IsNull(s) => "nothing",
            YamlScalarNode s => $"\"{s.Value}\"",
            _ => node.NodeType.ToString(),
        };

        private Option<T> Read<T>(YamlNode node, string path, Scalar<T> scalar)
        {
            if (node is not YamlScalarNode { Value: { } text } || IsNull(node))
            {
                Error("invalid-value", path, $"must be {scalar.Expected}, got {Describe(node)}", node);
                return None;
            }
            var value = scalar.Parse(text);
            if (value.IsNone) Error("invalid-value", path, $"must be {scalar.Expected}, got \"{text}\"", node);
            return value;
        }

        public Option<Fields> Mapping(YamlNode node, string path, params string[] known)
        {
            if (node is not YamlMappingNode mapping)
            {
                Error("invalid-value", path, $"must be a mapping, got {Describe(node)}", node);
                return None;
            }
            return new Fields(this, mapping, path, known);
        }

        /// <summary>One mapping's known fields; unknown keys are errors with a did-you-mean.</summary>
        public sealed class Fields
        {
            private readonly Reader reader;
            private readonly Dictionary<string, YamlNode> values = new(StringComparer.Ordinal);

            public Fields(Reader reader, YamlMappingNode node, string path, string[] known)
            {
                this.reader = reader;
                Self = node;
                Path = path;
                foreach (var (key, value) in node.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? "";
                    if (known.Contains(name, StringComparer.Ordinal)) values[name] = value;
                    else
                        reader.Error("unknown-field", At(name),
                            $"unknown field \"{name}\"{Spelling.DidYouMean(name, known)}", key);
                }
            }

            public YamlMappingNode Self { get; }

            public string Path { get; }

            public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

            public Option<YamlNode> Node(string key) =>
                values.TryGetValue(key, out var v) && !IsNull(v) ? Some(v) : None;

            public T Scalar<T>(string key, T fallback, Scalar<T> scalar) => Optional(key, scalar).IfNone(fallback);

            public Option<T> Optional<T>(string key, Scalar<T> scalar) => Node(key).Bind(n => reader.Read(n, At(key), scalar));

            public T Scalar<T>(string key, T fallback, Func<string, Option<T>> parse) =>
                Scalar(key, fallback, new Scalar<T>("a valid value", parse));

            public Option<Fields> Nested(string key, params string[] known) =>
                Node(key).Bind(n => reader.Mapping(n, At(key), known));

            public Seq<(string Key, YamlNode Value)> Entries(string key) => Node(key).Match(
                n => n is YamlMappingNode m
                    ? m.Children.Select(kv => ((kv.Key as YamlScalarNode)?.Value ?? "", kv.Value)).ToSeq().Strict()
                    : Invalid<(string, YamlNode)>(key, "a mapping", n),
                () => Seq<(string, YamlNode)>());

            public Seq<T> List<T>(string key, Scalar<T> scalar) => Items(key, (n, at) => reader.Read(n, at, scalar));

            public Seq<T> Objects<T>(string key, Func<Fields, T> read, params string[] known) =>
                Items(key, (n, at) => reader.Mapping(n, at, known).Map(read));

            private Seq<T> Items<T>(string key, Func<YamlNode, string, Option<T>> item) => Node(key).Match(
                n => n is YamlSequenceNode seq
                    ? seq.Children.Select((child, i) => item(child, $"{At(key)}[{i}]")).Somes().ToSeq().Strict()
                    : Invalid<T>(key, "a list", n),
                () => Seq<T>());

            private Seq<T> Invalid<T>(string key, string expected, YamlNode n)
            {
                reader.Error("invalid-value", At(key), $"must be {expected}, got {Describe(n)}", n);
                return Seq<T>();
            }
        }
    }
}
