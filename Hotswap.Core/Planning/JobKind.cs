namespace Hotswap.Core.Planning;

/// <summary>Whether a Job gates the start (precheck) or the end (postcheck) of a migration.</summary>
public enum JobKind
{
    Precheck,
    Postcheck,
}
