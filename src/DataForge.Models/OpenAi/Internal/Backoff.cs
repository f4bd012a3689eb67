namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Exponential backoff with full jitter (a uniform delay below min(max, base·2^retry)), or the
/// server's <c>Retry-After</c> when it sent one. The generator is seeded; delays change timing only.
/// </summary>
internal sealed class Backoff(TimeSpan baseDelay, TimeSpan maxDelay, int seed)
{
    // A Retry-After beyond this is a misconfigured server; waiting longer would look like a hang.
    private static readonly TimeSpan LongestRetryAfter = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly Random _random = new(seed);

    /// <summary>The wait before retry number <paramref name="retry"/> (0 for the first retry).</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after)
        {
            return after < TimeSpan.Zero ? TimeSpan.Zero : after > LongestRetryAfter ? LongestRetryAfter : after;
        }

        var ceiling = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        ceiling = Math.Min(ceiling, maxDelay.TotalMilliseconds);
        lock (_gate)
        {
            return TimeSpan.FromMilliseconds(ceiling * _random.NextDouble());
        }
    }
}
