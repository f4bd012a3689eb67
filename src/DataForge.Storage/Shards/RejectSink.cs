using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Shards;

/// <summary>Writes a run's rejected records to <c>rejects/rejects-*-of-*.parquet</c> (the engine feeds it every reject lane, in plan order).</summary>
public sealed class RejectSink : SinkStep
{
    private readonly ShardSink<RejectRow> _shards;

    /// <summary>Creates the sink.</summary>
    /// <param name="rejectsDirectory">The run's <c>rejects/</c> folder (in the staging folder).</param>
    /// <param name="runId">Written into every row's <c>run_id</c>.</param>
    /// <param name="options">Shard and row-group sizes.</param>
    public RejectSink(string rejectsDirectory, string runId, ShardWriterOptions options)
        => _shards = new ShardSink<RejectRow>(rejectsDirectory, "rejects", options, s => ShardRowMapper.ToRejectRow(s, runId));

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new([], [], []);

    /// <inheritdoc/>
    public override ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => _shards.WriteAsync(sample, cancellationToken);

    /// <inheritdoc/>
    public override ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken)
        => _shards.CompleteAsync(cancellationToken);
}
