namespace Hotswap.Effects.Ports;

/// <summary>
/// CRUD for one of hotswap's child kinds (ArgoCDCluster, ArgoCDApplicationDeployment, Check),
/// with the status subresource written separately under optimistic concurrency.
/// </summary>
public interface IChildObjects<TSpec, TStatus>
{
    /// <summary>The object, or None when it does not exist.</summary>
    Task<Option<StoredObject<TSpec, TStatus>>> GetAsync(string name);

    /// <summary>Objects owned by the System, sorted by name.</summary>
    Task<Seq<StoredObject<TSpec, TStatus>>> ListAsync(string system);

    /// <summary>Create or replace the spec; an existing status is kept.</summary>
    Task ApplyAsync(string name, TSpec spec);

    /// <summary>Delete; NotFound when it does not exist.</summary>
    Task DeleteAsync(string name);

    /// <summary>Write the status subresource; Conflict when <paramref name="resourceVersion"/> is stale.</summary>
    Task UpdateStatusAsync(string name, TStatus status, string resourceVersion);
}
