using Hotswap.Core.Status;

namespace Hotswap.Core.Planning;

/// <summary>A System-wide reason no application may start or continue moving (readiness gate, revision not saved).</summary>
public sealed record Hold(ApplicationPhase Phase, string Message, Option<TimeSpan> RequeueAfter);
