namespace DataForge.Models.OpenAi.Internal;

/// <summary>What the retry loop does with a failed attempt.</summary>
internal enum FailureKind
{
    /// <summary>Retry with backoff (429, 5xx, timeouts, resets, unreadable bodies).</summary>
    Transient,

    /// <summary>The request itself is bad (400, 404, 413, 422): a per-record rejection, not retried.</summary>
    Rejected,

    /// <summary>The server refuses this client (401, 403, other 4xx): stop, not retried.</summary>
    Refused,
}
