namespace Hotswap.EndToEnd.Tests.Safety;

/// <summary>Which side of a swap a cluster is on: the one traffic leaves, or the one it moves to.</summary>
public enum Side
{
    Old,
    New,
}
