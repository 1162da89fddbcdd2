namespace Hotswap.Operator.Cli;

/// <summary>A manual request the application has not handled yet.</summary>
/// <param name="Kind">abort, retry or promote.</param>
/// <param name="At">When it was made.</param>
/// <param name="Detail">For promote: "step 3" or "every remaining step"; else empty.</param>
public sealed record RequestView(string Kind, DateTimeOffset At, string Detail);
