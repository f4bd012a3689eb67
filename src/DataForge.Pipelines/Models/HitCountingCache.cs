using DataForge.Core.Seams;
using DataForge.Core.Work;

namespace DataForge.Pipelines.Models;

/// <summary>The request cache a model of the run gets: each hit is counted as a model request answered from the run store.</summary>
internal sealed class HitCountingCache(IResultCache inner, WorkCounters work) : IResultCache
{
    public async ValueTask<byte[]?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        var value = await inner.TryGetAsync(key, cancellationToken).ConfigureAwait(false);
        if (value is not null)
        {
            work.AddModelCacheHit();
        }

        return value;
    }

    public ValueTask PutAsync(string key, byte[] value, CancellationToken cancellationToken) => inner.PutAsync(key, value, cancellationToken);
}
