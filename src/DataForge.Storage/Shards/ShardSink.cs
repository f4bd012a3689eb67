using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Shards;

/// <summary>
/// Writes records as Parquet shards of one row schema (<see cref="ShardRow"/> for data,
/// <see cref="RejectRow"/> for rejects) and reports the shards and the written scores.
/// </summary>
/// <typeparam name="TRow">The row class.</typeparam>
public sealed class ShardSink<TRow>
    where TRow : class
{
    private readonly ParquetShardWriter<TRow> _writer;
    private readonly Func<Sample, TRow> _toRow;
    private readonly ScoreCollector _scores = new();

    /// <summary>Creates a sink of shards named <paramref name="prefix"/>-i-of-n.parquet in <paramref name="directory"/>.</summary>
    public ShardSink(string directory, string prefix, ShardWriterOptions options, Func<Sample, TRow> toRow)
    {
        ArgumentNullException.ThrowIfNull(toRow);
        _writer = new ParquetShardWriter<TRow>(directory, prefix, options);
        _toRow = toRow;
    }

    /// <summary>Appends one record.</summary>
    public ValueTask WriteAsync(Sample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _scores.Add(sample.Scores);
        return _writer.AppendAsync(_toRow(sample), cancellationToken);
    }

    /// <summary>Finishes the shards (one empty shard when nothing was written) and reports them.</summary>
    public async ValueTask<SinkResult> CompleteAsync(CancellationToken cancellationToken)
    {
        var shards = await _writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new SinkResult([.. shards.Select(s => new SinkFile(s.Path, s.Rows, s.Sha256))], _scores.Summarize());
    }
}
