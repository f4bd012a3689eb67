using DataForge.Core.Engine;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Runs;

/// <summary>Writes the reject lanes of a run (one spill file per step, in plan order) to <c>rejects/rejects-*-of-*.parquet</c>.</summary>
public static class RejectShardWriter
{
    /// <summary>Writes every lane, in order, and returns the shards (one empty shard when nothing was rejected).</summary>
    public static async Task<IReadOnlyList<ShardFile>> WriteAsync(IEnumerable<string> lanes, string rejectsDirectory, string runId, ShardWriterOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lanes);
        var writer = new ParquetShardWriter<RejectRow>(rejectsDirectory, "rejects", options);
        foreach (var lane in lanes)
        {
            await foreach (var sample in SpillFile.ReadAsync(lane, cancellationToken).ConfigureAwait(false))
            {
                await writer.AppendAsync(ShardRowMapper.ToRejectRow(sample, runId), cancellationToken).ConfigureAwait(false);
            }
        }

        return await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
