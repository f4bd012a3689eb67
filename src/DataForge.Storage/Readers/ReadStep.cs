using DataForge.Core.Options;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>Reads seed records from files (pipeline step type <c>read</c>).</summary>
/// <remarks>
/// <para><b>Input fields:</b> none (a source step).</para>
/// <para><b>Output fields:</b> <c>instruction</c>, <c>input</c>, <c>output</c>, <c>messages</c>,
/// <c>language</c>, <c>source</c> (relative <c>file:line</c>, or <c>file:row</c> for Parquet),
/// <c>origin</c> (this step's name), <c>meta.extra</c> (the input fields no record field is read from); also <c>id</c>, <c>kind</c> (<c>instruction</c>),
/// <c>root_id</c> (= <c>id</c>) and <c>round</c> (0). Formats and shapes: see <see cref="RecordReader"/>.</para>
/// <para><b>Drop reasons</b> (all errors; a reject has <c>kind = raw</c>, the id of its raw bytes,
/// <c>meta.detail</c> naming the problem and the raw line, base64 with <c>meta.raw_encoding</c>
/// when not UTF-8, cut to 64 KiB with <c>meta.raw_truncated</c>):
/// <c>invalid_json</c>, <c>invalid_utf8</c>, <c>missing_field</c>, <c>wrong_type</c>,
/// <c>field_too_large</c>, <c>line_too_large</c>, <c>truncated_line</c> (an unterminated last line
/// that is not JSON), <c>not_an_object</c>, <c>empty_file</c>, <c>binary_file</c> (NUL in the first
/// 8 KiB), <c>invalid_parquet</c>, <c>file_too_large</c> (a <c>.json</c> file over 256 MiB),
/// <c>unsupported_content</c> (a chat content part that is not text: an image, audio, a file),
/// <c>invalid_csv</c> (a CSV / TSV row with a broken quote or the wrong number of cells, or an
/// unreadable header), <c>invalid_compression</c> (broken gzip / zstd data; the records before it
/// are read).</para>
/// <para><b>Options:</b> see <see cref="ReadStepOptions"/>: <c>path</c>, <c>max_field_bytes</c>,
/// <c>include</c>, <c>exclude</c>, <c>fields</c>, <c>config</c>, <c>split</c>,
/// <c>code_instruction</c>; the run's <c>limit</c> is set by the factory.
/// The files of a folder that are not read are named in one run notice.</para>
/// <para><b>References:</b> Alpaca (Taori et al. 2023, tatsu-lab/stanford_alpaca), ShareGPT
/// conversation format, JSON Lines (jsonlines.org).</para>
/// </remarks>
public sealed class ReadStep : SourceStep
{
    private readonly ReadStepOptions _options;

    /// <summary>Creates the step.</summary>
    /// <param name="options">What to read.</param>
    /// <exception cref="ArgumentException">A key is out of range, the path is blank, or the limit is negative.</exception>
    public ReadStep(ReadStepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, "path");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxLineBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Limit ?? 0, nameof(options.Limit));
        _options = options;
    }

    /// <summary>The <c>read</c> step type: the path resolved against the pipeline file, the run's limit.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<ReadStep, ReadStepOptions>(
        "read",
        "Reads JSONL / JSON / CSV / TSV (each also .gz or .zst) / Parquet records or code files from a file or folder.",
        new(
            [],
            ["id", "kind", "instruction", "input", "output", "messages", "language", "root_id", "round", "source", "origin", "meta"],
            ReadReasons.All),
        (options, context) => new ReadStep(options with
        {
            Path = context.ResolvePath(options.Path!),
            BaseDirectory = context.PipelineDirectory,
            Limit = context.Limit,
        }));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    public override IAsyncEnumerable<Outcome> ReadAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RecordReader.ReadAsync(_options.Path!, _options.ToReaderOptions(context), cancellationToken);
    }
}
