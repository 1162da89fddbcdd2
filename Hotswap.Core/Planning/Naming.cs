namespace Hotswap.Core.Planning;

/// <summary>Names of the objects hotswap creates, derived from the System's names.</summary>
public static class Naming
{
    /// <summary>"mysystem" + "web-1" → "mysystem-web-1": the ArgoCDCluster and its cluster secret.</summary>
    public static string ClusterSecret(string system, string cluster) => $"{system}-{cluster}";

    /// <summary>"mysystem" + "web" → "mysystem-web": the ArgoCDApplicationDeployment.</summary>
    public static string Deployment(string system, string application) => $"{system}-{application}";

    /// <summary>
    /// "&lt;system&gt;-&lt;app&gt;-&lt;check&gt;", or with "-&lt;cluster&gt;" when the rendered query differs per
    /// cluster. The application is part of the name because two applications may both have a
    /// check called "dd" (SEED.md's example does).
    /// </summary>
    public static string Check(string system, string application, string check, Option<string> cluster) =>
        cluster.Match(c => $"{system}-{application}-{check}-{c}", () => $"{system}-{application}-{check}");

    /// <summary>
    /// "&lt;system&gt;-&lt;app&gt;-&lt;check&gt;-&lt;hash8&gt;": one Job per check and key (see
    /// <see cref="JobKey"/>), so the same key never runs a check twice. Trimmed to Kubernetes'
    /// 63-character label limit.
    /// </summary>
    /// <summary>
    /// A Job's key: the forward config (or membership target) it runs against *and* the target the
    /// application is being moved to. A rollback restores the old forward config, so keyed by that
    /// alone, a new target would find the old target's Failed Job and fail at once.
    /// </summary>
    public static string JobKey(string forwardHash, string target) => Hashing.Of($"{forwardHash}|{target}");

    public static string Job(string system, string application, string check, string forwardHash)
    {
        var suffix = "-" + forwardHash[..Math.Min(8, forwardHash.Length)];
        var stem = $"{system}-{application}-{check}";
        return (stem.Length + suffix.Length > 63 ? stem[..(63 - suffix.Length)].TrimEnd('-') : stem) + suffix;
    }
}
