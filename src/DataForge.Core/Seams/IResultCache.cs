namespace DataForge.Core.Seams;

/// <summary>
/// Content-addressed store of finished work (step results, model requests). Keys are hashes of
/// everything that determines the result, the producer's version string included; a hit returns
/// exactly the bytes that were put.
/// </summary>
public interface IResultCache
{
    /// <summary>The stored value, or null.</summary>
    ValueTask<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores a value (durable once the cache flushes; a crash loses at most the last unflushed batch).</summary>
    ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken);
}
