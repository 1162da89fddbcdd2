using System.Globalization;

namespace Hotswap.Core.Controls;

/// <summary>
/// The manual controls set on a System's annotations, which the CLI writes and the planner reads
/// (the decision stays in Core):
/// <list type="bullet">
/// <item><c>hotswap.mumoshu.github.io/pause: "*"</c> or <c>"web,api"</c> — hold those applications
/// at their current step (checks keep running; a rollback is never held). A state: resume removes it.</item>
/// <item><c>abort.hotswap.mumoshu.github.io/&lt;app&gt;: "2026-12-04T10:00:00Z"</c> — a request, at that time.</item>
/// <item><c>retry.hotswap.mumoshu.github.io/&lt;app&gt;: "2026-12-04T10:00:00Z"</c> — a request.</item>
/// <item><c>promote.hotswap.mumoshu.github.io/&lt;app&gt;: "3@2026-12-04T10:00:00Z"</c> (skip the rest of
/// step 3's wait) or <c>"full@2026-12-04T10:00:00Z"</c> (every remaining step) — a request.</item>
/// </list>
/// A value that cannot be read is kept in <see cref="Malformed"/> with why, and otherwise ignored.
/// </summary>
/// <param name="PauseAll">The pause annotation is "*".</param>
/// <param name="Paused">Applications named in the pause annotation.</param>
/// <param name="Requests">Requests per application name, oldest first.</param>
/// <param name="Malformed">"annotation: why" for each annotation that could not be read.</param>
/// <param name="Annotations">The control annotations as set, read or not (what a world file records).</param>
public sealed record ManualControls(
    bool PauseAll,
    Set<string> Paused,
    HashMap<string, Seq<ControlRequest>> Requests,
    Seq<string> Malformed,
    Map<string, string> Annotations)
{
    public const string PauseAnnotation = "hotswap.mumoshu.github.io/pause";
    public const string AbortPrefix = "abort.hotswap.mumoshu.github.io/";
    public const string RetryPrefix = "retry.hotswap.mumoshu.github.io/";
    public const string PromotePrefix = "promote.hotswap.mumoshu.github.io/";

    /// <summary>No control set.</summary>
    public static readonly ManualControls None = new(false, default, default, default, default);

    public bool IsPaused(string application) => PauseAll || Paused.Contains(application);

    /// <summary>The application's requests made after <paramref name="handledAt"/>, oldest first.</summary>
    public Seq<ControlRequest> Pending(string application, Option<DateTimeOffset> handledAt) =>
        Requests.IsEmpty
            ? Seq<ControlRequest>()
            : Requests.Find(application).IfNone(Seq<ControlRequest>()).Filter(r => handledAt.ForAll(h => r.At > h));

    /// <summary>The controls among a System's annotations; other annotations are ignored.</summary>
    public static ManualControls FromAnnotations(Map<string, string> annotations) =>
        annotations.Fold(None, (controls, kv) => controls.With(kv.Key, kv.Value));

    /// <summary>True for the annotation keys this record reads.</summary>
    public static bool IsControl(string key) =>
        key == PauseAnnotation || key.StartsWith(AbortPrefix, StringComparison.Ordinal)
        || key.StartsWith(RetryPrefix, StringComparison.Ordinal) || key.StartsWith(PromotePrefix, StringComparison.Ordinal);

    private ManualControls With(string key, string value)
    {
        if (!IsControl(key)) return this;
        var kept = this with { Annotations = Annotations.AddOrUpdate(key, value) };
        if (key == PauseAnnotation)
        {
            var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return kept with { PauseAll = PauseAll || names.Contains("*"), Paused = Paused + toSet(names.Where(n => n != "*")) };
        }
        var parsed =
            key.StartsWith(AbortPrefix, StringComparison.Ordinal) ? Request(key, AbortPrefix, value, at => new ControlRequest.Abort(at))
            : key.StartsWith(RetryPrefix, StringComparison.Ordinal) ? Request(key, RetryPrefix, value, at => new ControlRequest.Retry(at))
            : key.StartsWith(PromotePrefix, StringComparison.Ordinal) ? Promotion(key, value)
            : Option<Either<string, (string, ControlRequest)>>.None;
        return parsed.Match(
            r => r.Match(
                ok => kept with
                {
                    Requests = Requests.AddOrUpdate(ok.Item1, Requests.Find(ok.Item1).IfNone(Seq<ControlRequest>())
                        .Add(ok.Item2).OrderBy(x => x.At).ToSeq().Strict()),
                },
                why => kept with { Malformed = Malformed.Add($"{key}: {why}") }),
            () => kept);
    }

    private static Option<Either<string, (string, ControlRequest)>> Request(
        string key, string prefix, string value, Func<DateTimeOffset, ControlRequest> make) =>
        Some(Documents.Times.Parse(value.Trim()).Match(
            at => Right<string, (string, ControlRequest)>((key[prefix.Length..], make(at))),
            () => Left<string, (string, ControlRequest)>($"\"{value}\" is not an RFC 3339 time such as 2026-12-04T10:00:00Z")));

    private static Option<Either<string, (string, ControlRequest)>> Promotion(string key, string value)
    {
        var app = key[PromotePrefix.Length..];
        var parts = value.Trim().Split('@', 2);
        var at = parts.Length == 2 ? Documents.Times.Parse(parts[1]) : Option<DateTimeOffset>.None;
        Option<Option<int>> step = parts[0] == "full" ? Some(Option<int>.None)
            : int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 ? Some(Some(k))
            : Option<Option<int>>.None;
        return Some((from t in at from s in step select (app, (ControlRequest)new ControlRequest.Promote(t, s)))
            .ToEither($"\"{value}\" is not STEP@TIME or full@TIME, such as 3@2026-12-04T10:00:00Z"));
    }

    /// <summary>An abort or retry annotation's value for a request made at <paramref name="at"/>.</summary>
    public static string FormatRequest(DateTimeOffset at) => Documents.Times.Format(at.ToUniversalTime());

    /// <summary>A promote annotation's value: "3@TIME" for one step, "full@TIME" for every remaining step.</summary>
    public static string FormatPromote(Option<int> step, DateTimeOffset at) =>
        $"{step.Map(k => k.ToString(CultureInfo.InvariantCulture)).IfNone("full")}@{FormatRequest(at)}";
}
