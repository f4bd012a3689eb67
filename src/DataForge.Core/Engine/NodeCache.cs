using System.Security.Cryptography;
using System.Text;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// One step's view of the result cache: builds its keys, looks results up, stores fresh ones and
/// counts hits and computed records in the step's <see cref="StepStats"/>. A key holds everything
/// that determines a result: step type, version, options, models and files, the run seed (steps draw
/// from it) and the input (one record, or for a barrier the whole input stream).
/// </summary>
internal sealed class NodeCache
{
    private readonly GraphNode _node;
    private readonly long _seed;
    private readonly IResultCache? _cache;
    private readonly StepStats _stats;

    public NodeCache(GraphNode node, EngineEnvironment environment, StepStats stats, bool cacheable)
    {
        _node = node;
        _seed = environment.RunSeed;
        _cache = cacheable ? environment.Cache : null;
        _stats = stats;
    }

    /// <summary>False when the step is not cacheable or the run has no cache: every record is computed.</summary>
    public bool Enabled => _cache is not null;

    /// <summary>The key of one record's result; <paramref name="runtime"/> is what the step learned at run time about this record's tool (see <see cref="RecordStep.RecordIdentityAsync"/>).</summary>
    public string RecordKey(Sample sample, string runtime = "")
    {
        using var hash = Start("step");
        hash.AppendData(SampleJson.Serialize(sample.Order is null ? sample : sample with { Order = null }));
        if (runtime.Length > 0)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\nruntime={runtime}"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// The key of a barrier's whole result: the spill file's bytes, in order, in place of one record;
    /// then the ids of the input records a selection step saw pinned (none: the key it always had).
    /// </summary>
    public async Task<string> StreamKeyAsync(string spillPath, IReadOnlyCollection<string>? pinned, CancellationToken cancellationToken)
    {
        using var hash = Start("barrier");
        var stream = new FileStream(spillPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        if (pinned is { Count: > 0 })
        {
            hash.AppendData(Encoding.UTF8.GetBytes("\npinned\n" + string.Join('\n', pinned.Order(StringComparer.Ordinal)) + "\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The stored outcomes under <paramref name="key"/>, counted as <paramref name="records"/> cache hits; null on a miss (always, for a refreshed step).</summary>
    public async ValueTask<IReadOnlyList<Outcome>?> TryGetAsync(string key, long records, CancellationToken cancellationToken)
    {
        if (_cache is null || _node.Refresh || await _cache.TryGetAsync(key, cancellationToken).ConfigureAwait(false) is not { } hit)
        {
            return null;
        }

        _stats.CountCacheHit(records);
        return SampleJson.DeserializeOutcomes(hit);
    }

    /// <summary>Counts <paramref name="records"/> records computed without the cache.</summary>
    public void CountComputed(long records) => _stats.CountComputed(records);

    /// <summary>
    /// Counts <paramref name="records"/> computed records and stores their outcomes under
    /// <paramref name="key"/> (when caching is on). Outcomes holding an error (a linter that crashed,
    /// a model server that was down, bad input) are not stored: the next run tries them again.
    /// </summary>
    public async ValueTask PutAsync(string? key, IReadOnlyList<Outcome> outcomes, long records, CancellationToken cancellationToken)
    {
        _stats.CountComputed(records);
        if (_cache is not null && key is not null && !outcomes.Any(o => o.Verdict.IsError))
        {
            await _cache.PutAsync(key, SampleJson.SerializeOutcomes(outcomes), cancellationToken).ConfigureAwait(false);
        }
    }

    private IncrementalHash Start(string kind)
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{kind}\nrecord-format={SampleJson.FormatVersion}\n{_node.Type}\n{_node.Step.Version}\n{_node.Fingerprint}\n{_node.BuildIdentity}seed={_seed}\n"));
        return hash;
    }
}
