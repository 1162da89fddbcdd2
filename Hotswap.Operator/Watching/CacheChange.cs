namespace Hotswap.Operator.Watching;

/// <summary>One change a cache took: the object before (null when added) and after (null when deleted).</summary>
public sealed record CacheChange(Watched Collection, object? Old, object? New);
