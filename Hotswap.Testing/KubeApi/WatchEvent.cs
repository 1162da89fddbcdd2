using System.Text.Json.Nodes;

namespace Hotswap.Testing.KubeApi;

/// <summary>One change in the store's history: ADDED, MODIFIED or DELETED, with the object before and after.</summary>
public sealed record WatchEvent(long ResourceVersion, string Type, string StorageKey, string Namespace, JsonObject Object, JsonObject? Previous);
