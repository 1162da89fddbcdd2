using System.Security.Cryptography;
using System.Text;
using Hotswap.Core.Observed;

namespace Hotswap.Core.Planning;

/// <summary>Short, stable content hashes: the first 10 hex digits of SHA-256.</summary>
public static class Hashing
{
    public static string Of(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..10];

    /// <summary>Hash of a forward config; prechecks and postchecks are keyed by it.</summary>
    public static string Of(ForwardConfig forward) => Of("forward:" + forward);

    /// <summary>Hash of a membership (sorted secret names), for applications without weights.</summary>
    public static string OfMembers(Seq<string> members) => Of("members:" + string.Join(",", members.OrderBy(m => m, StringComparer.Ordinal)));
}
