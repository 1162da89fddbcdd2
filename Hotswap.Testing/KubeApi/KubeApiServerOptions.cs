namespace Hotswap.Testing.KubeApi;

/// <summary>How to start a <see cref="KubeApiServer"/>.</summary>
public sealed record KubeApiServerOptions
{
    /// <summary>The port on 127.0.0.1; 0 lets the OS pick one (read it from <see cref="KubeApiServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>How many changes the watch history keeps; a watch from an older version is 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 1000;

    /// <summary>How often an idle watch that allows bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Files or folders of manifests (CRDs and objects) loaded at start, in order.</summary>
    public IReadOnlyList<string> Load { get; init; } = [];

    /// <summary>Every write (POST, PUT, PATCH, DELETE) fails with 500 — for proving a command only reads.</summary>
    public bool FailWrites { get; init; }

    /// <summary>
    /// Decides every resource request (discovery, OpenAPI and /version are always answered); a
    /// request it refuses is a 403 Forbidden worded as the API words it. There is no
    /// authentication: the bearer token is taken as the user's name (e.g.
    /// <c>system:serviceaccount:hotswap-system:hotswap</c>). Null: everything is allowed.
    /// <see cref="RbacPolicy.Allows"/> decides as Kubernetes' RBAC authorizer does.
    /// </summary>
    public Func<KubeRequestAttributes, bool>? Authorize { get; init; }
}
