using DataForge.Core.Seams;

namespace DataForge.Pipelines.Models;

/// <summary>A cache that never hits but still stores: what a model named by <c>--refresh</c> gets, so its requests are sent again and their fresh answers replace the old.</summary>
internal sealed class WriteOnlyCache(IResultCache inner) : IResultCache
{
    public ValueTask<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

    public ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken) => inner.PutAsync(key, value, cancellationToken);
}
