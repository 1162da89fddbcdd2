namespace Hotswap.Operator.Watching;

/// <summary>The API server sent an ERROR event (other than 410 Gone), or a line the client could not read.</summary>
public sealed class WatchFailedException(Exception cause) : Exception($"the watch failed: {cause.Message}", cause);
