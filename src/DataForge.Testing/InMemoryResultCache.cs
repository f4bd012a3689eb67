using System.Collections.Concurrent;
using DataForge.Core.Seams;

namespace DataForge.Testing;

/// <summary>An <see cref="IResultCache"/> held in memory, counting lookups and stores (for tests).</summary>
public sealed class InMemoryResultCache : IResultCache
{
    private readonly ConcurrentDictionary<string, byte[]> _entries = new(StringComparer.Ordinal);
    private long _hits, _misses, _puts;

    /// <summary>Entries stored.</summary>
    public int Count => _entries.Count;

    /// <summary>Lookups that found a value.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Lookups that found nothing.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Values stored.</summary>
    public long Puts => Interlocked.Read(ref _puts);

    /// <inheritdoc/>
    public ValueTask<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_entries.TryGetValue(key, out var value))
        {
            Interlocked.Increment(ref _hits);
            return ValueTask.FromResult<byte[]?>([.. value]);
        }

        Interlocked.Increment(ref _misses);
        return ValueTask.FromResult<byte[]?>(null);
    }

    /// <inheritdoc/>
    public ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();

        // Copy: a hit must return exactly the bytes that were put, whatever the caller does later.
        _entries[key] = [.. value];
        Interlocked.Increment(ref _puts);
        return ValueTask.CompletedTask;
    }
}
