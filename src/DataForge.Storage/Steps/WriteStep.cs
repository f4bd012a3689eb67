using DataForge.Core.Options;
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
    private readonly WriteStepOptions _options;
    private readonly ParquetShardWriter<ShardRow> _writer;
    private readonly ScoreCollector _scores = new();

    /// <summary>Creates the step.</summary>
    public WriteStep(WriteStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _options = options;
        _writer = new ParquetShardWriter<ShardRow>(options.DataDirectory, "train", options.Shards);
    }

    /// <summary>The <c>write</c> step type: the run's data folder and run id come from the run.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<WriteStep, WriteStepOptions>(
        "write",
        "Writes kept records to the run folder's Parquet shards.",
        new([], [], []),
        (options, context) => new WriteStep(options with { DataDirectory = context.DataDirectory, RunId = context.RunId }));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>The finished shards (after completion).</summary>
    public IReadOnlyList<ShardFile> Shards { get; private set; } = [];

    /// <summary>Distribution of each score over the written records.</summary>
    public IReadOnlyDictionary<string, ScoreSummary> ScoreSummaries => _scores.Summarize();

    /// <inheritdoc/>
    public override ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _scores.Add(sample.Scores);
        return _writer.AppendAsync(ShardRowMapper.ToRow(sample, _options.RunId), cancellationToken);
    }

    /// <inheritdoc/>
    public override async ValueTask CompleteAsync(StepContext context, CancellationToken cancellationToken)
        => Shards = await _writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
}
