using LanguageExt;

namespace Hotswap.Core.Observed;

/// <summary>One application's last good state: its membership (secret names, sorted) and forward config.</summary>
public sealed record ApplicationRevision(Seq<string> Members, Option<ForwardConfig> Forward);
