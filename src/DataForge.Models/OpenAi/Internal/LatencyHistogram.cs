namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Latencies in geometric buckets 2 % wide from 0.1 ms: a fixed footprint however many requests a
/// run sends, an exact mean, and percentiles within 2 % (clamped to the fastest and slowest seen).
/// Not thread-safe: the pool's lock guards it.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double Smallest = 0.1;
    private static readonly double Ratio = Math.Log(1.02);
    private readonly long[] _buckets = new long[1600];
    private double _sum;
    private double _min = double.MaxValue;
    private double _max;

    public long Count { get; private set; }

    public void Add(TimeSpan latency)
    {
        var ms = Math.Max(latency.TotalMilliseconds, 0);
        var bucket = ms <= Smallest ? 0 : (int)Math.Min(Math.Ceiling(Math.Log(ms / Smallest) / Ratio), _buckets.Length - 1);
        _buckets[bucket]++;
        Count++;
        _sum += ms;
        _min = Math.Min(_min, ms);
        _max = Math.Max(_max, ms);
    }

    /// <summary>The mean in milliseconds; null before the first latency.</summary>
    public double? Mean => Count == 0 ? null : _sum / Count;

    /// <summary>The <paramref name="fraction"/> quantile in milliseconds (the upper edge of its bucket); null before the first latency.</summary>
    public double? Quantile(double fraction)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(fraction * Count));
        long seen = 0;
        var bucket = 0;
        for (; bucket < _buckets.Length - 1; bucket++)
        {
            seen += _buckets[bucket];
            if (seen >= rank)
            {
                break;
            }
        }

        var upper = Smallest * Math.Exp(bucket * Ratio);
        return Math.Clamp(upper, _min, _max);
    }
}
