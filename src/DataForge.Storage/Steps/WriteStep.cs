using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Steps;

/// <summary>Writes kept records to the run's Parquet data shards (<c>data/train-*-of-*.parquet</c>).</summary>
/// <remarks>
/// Input fields: every column. Output fields: none (a sink). Drop reasons: none.
/// Options: <c>shard_rows</c> (100000), <c>row_group_rows</c> (10000); zstd at the Optimal level.
/// References: Hugging Face datasets' Parquet layout (<c>data/train-00000-of-00001.parquet</c>).
/// </remarks>
public sealed class WriteStep : SinkStep
{
    private readonly ShardSink<ShardRow> _shards;

    /// <summary>Creates the step.</summary>
    public WriteStep(WriteStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _shards = new ShardSink<ShardRow>(options.DataDirectory, "train", options.Shards, s => ShardRowMapper.ToRow(s, options.RunId));
    }

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new([], [], []);

    /// <inheritdoc/>
    public override ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => _shards.WriteAsync(sample, cancellationToken);

    /// <summary>Finishes the shards and reports them with the distribution of each score over the written records.</summary>
    public override ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken)
        => _shards.CompleteAsync(cancellationToken);
}
