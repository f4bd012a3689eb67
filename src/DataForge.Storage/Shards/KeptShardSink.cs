using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Shards;

/// <summary>
/// Writes kept records as one shard set per record kind and split, so that each kind is a config of its
/// own in the dataset card: <c>data/instructions-train-00000-of-00002.parquet</c>,
/// <c>data/edit_sequences-validation-00000-of-00001.parquet</c>. A run with no kept record still gets one
/// empty <c>instructions-train</c> shard, so readers see the schema.
/// </summary>
public sealed class KeptShardSink
{
    private readonly string _directory;
    private readonly ShardWriterOptions _options;
    private readonly Func<Sample, ShardRow> _toRow;
    private readonly ValidationSplit _split;
    private readonly SortedDictionary<string, ParquetShardWriter<ShardRow>> _writers = new(StringComparer.Ordinal);
    private readonly ScoreCollector _scores = new();

    /// <summary>Creates the sink over the run's <c>data/</c> folder.</summary>
    public KeptShardSink(string directory, ShardWriterOptions options, ValidationSplit split, Func<Sample, ShardRow> toRow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(toRow);
        _directory = directory;
        _options = options;
        _split = split;
        _toRow = toRow;
    }

    /// <summary>The config name of a record kind: <c>instructions</c>, <c>edit_sequences</c>.</summary>
    public static string ConfigOf(string kind) => kind switch
    {
        SampleKinds.Instruction => "instructions",
        SampleKinds.EditSequence => "edit_sequences",
        _ => $"{kind}s",
    };

    /// <summary>Appends one record to its kind's and split's shards.</summary>
    public ValueTask WriteAsync(Sample sample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _scores.Add(sample.Scores);
        return Writer($"{ConfigOf(sample.Kind)}-{_split.Of(sample)}").AppendAsync(_toRow(sample), cancellationToken);
    }

    /// <summary>Finishes every shard set (in name order) and reports the files with the distribution of each written score.</summary>
    public async ValueTask<SinkResult> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writers.Count == 0)
        {
            Writer($"{ConfigOf(SampleKinds.Instruction)}-{ValidationSplit.Train}");
        }

        var files = new List<SinkFile>();
        foreach (var writer in _writers.Values)
        {
            var shards = await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            files.AddRange(shards.Select(s => new SinkFile(s.Path, s.Rows, s.Sha256)));
        }

        return new SinkResult(files, _scores.Summarize());
    }

    private ParquetShardWriter<ShardRow> Writer(string prefix)
    {
        if (!_writers.TryGetValue(prefix, out var writer))
        {
            writer = new ParquetShardWriter<ShardRow>(_directory, prefix, _options);
            _writers.Add(prefix, writer);
        }

        return writer;
    }
}
