namespace Hotswap.Operator.Watching;

/// <summary>One page of a list: its objects, the list's resourceVersion, and the token of the next page (null: the last).</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
