using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>
/// Short, stable content hashes for change detection and names (analysis-hash, Job names,
/// targets): 64-bit FNV-1a over the UTF-16 code units, as 10 hex digits. Not for security.
/// </summary>
public static class Hashing
{
    public static string Of(string canonical)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in canonical)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }
        return (hash >> 24).ToString("x10");
    }

    /// <summary>Hash of a forward config; prechecks and postchecks are keyed by it.</summary>
    public static string Of(ForwardConfig forward) => Of("forward:" + forward);

    /// <summary>Hash of a membership (sorted secret names), for applications without weights.</summary>
    public static string OfMembers(Seq<string> members) => Of("members:" + string.Join(",", members.OrderBy(m => m, StringComparer.Ordinal)));
}
