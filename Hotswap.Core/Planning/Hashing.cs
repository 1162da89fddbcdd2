using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>
/// Short, stable content hashes for change detection and names (analysis-hash, Job names,
/// targets): 64-bit FNV-1a over the UTF-16 code units, as 10 hex digits. Not for security.
/// </summary>
public static class Hashing
{
    public static string Of(string canonical) => new Fnv().Add(canonical).Hex();

    /// <summary>
    /// The same hash fed piece by piece: hashing "a" then "|" then "b" gives what Of("a|b") gives,
    /// without building the joined string.
    /// </summary>
    public struct Fnv
    {
        private ulong hash;
        private bool started;

        public Fnv Add(char c)
        {
            if (!started) (hash, started) = (14695981039346656037UL, true);
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
            return this;
        }

        public Fnv Add(string text)
        {
            if (!started) (hash, started) = (14695981039346656037UL, true);
            foreach (var c in text)
            {
                hash = (hash ^ (byte)c) * 1099511628211UL;
                hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
            }
            return this;
        }

        /// <summary>The 10 hex digits.</summary>
        public readonly string Hex() => ((started ? hash : 14695981039346656037UL) >> 24).ToString("x10");
    }

    /// <summary>Hash of a forward config; prechecks and postchecks are keyed by it.</summary>
    public static string Of(ForwardConfig forward) => Of("forward:" + forward);

    /// <summary>Hash of a membership (sorted secret names), for applications without weights.</summary>
    public static string OfMembers(Seq<string> members) => Of("members:" + string.Join(",", members.OrderBy(m => m, StringComparer.Ordinal)));
}
