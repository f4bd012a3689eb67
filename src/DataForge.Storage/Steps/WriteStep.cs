using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Storage.Shards;

namespace DataForge.Storage.Steps;

/// <summary>
/// Writes kept records to the run's Parquet data shards, one shard set per record kind and split
/// (<c>data/instructions-train-*-of-*.parquet</c>, <c>data/edit_sequences-validation-*-of-*.parquet</c>).
/// </summary>
/// <remarks>
/// Input fields: every column. Output fields: none (a sink). Drop reasons: none.
/// Options: see <see cref="WriteStepOptions"/>; zstd at the Optimal level.
/// References: Hugging Face datasets' Parquet layout (<c>SPLIT-00000-of-00001.parquet</c>, configs by file pattern).
/// </remarks>
public sealed class WriteStep : SinkStep
{
    private readonly KeptShardSink _shards;

    /// <summary>Creates the step.</summary>
    public WriteStep(WriteStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        var split = new ValidationSplit(options.Seed, options.ValidationFraction);
        _shards = new KeptShardSink(options.DataDirectory, options.Shards, split, s => ShardRowMapper.ToRow(s, options.RunId));
    }

    /// <summary>The <c>write</c> step type: the run's data folder and run id come from the run.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<WriteStep, WriteStepOptions>(
        "write",
        "Writes kept records to the run folder's Parquet shards.",
        new([], [], []),
        (options, context) => new WriteStep(options with { DataDirectory = context.DataDirectory, RunId = context.RunId, Seed = context.Seed }));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    public override ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
        => _shards.WriteAsync(sample, cancellationToken);

    /// <summary>Finishes the shards and reports them with the distribution of each score over the written records.</summary>
    public override ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken)
        => _shards.CompleteAsync(cancellationToken);
}
