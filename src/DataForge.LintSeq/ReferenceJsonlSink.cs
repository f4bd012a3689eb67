using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.LintSeq;

/// <summary>Writes edit sequences in the reference implementation's JSONL format, one line per sequence.</summary>
/// <remarks>
/// Input fields: edits, instruction, output, meta.program_source. Output fields: none (a sink).
/// Each line: <c>{"edit_path": [...], "index": row, "source_file": file, "source_instruction": ..., "source_response": ...}</c>
/// (github.com/upiterbarg/lintseq). <c>index</c> is what the reference's generator writes (<c>int(index)</c>, the
/// program's 0-based row in its source file), here the line of <c>meta.program_source</c> less one (a Parquet row
/// less one; 0 for a code file, a one-program file): the s sequences of one program share it, and the sequence
/// number within the program is the shards' <c>meta.sequence</c>. <c>source_response</c> is the program as
/// sampled (after unwrapping fenced code), where the reference keeps the raw response.
/// The file is named like the reference's: <c>0000_&lt;n&gt;_&lt;s&gt;_&lt;seed&gt;_vec.jsonl</c>.
/// </remarks>
public sealed class ReferenceJsonlSink : SinkStep, IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _fileName;
    private FileStream? _stream;
    private Utf8JsonWriter? _json;

    /// <summary>Creates the sink writing into the options' folder; their sample count, s and seed name the file.</summary>
    /// <exception cref="ArgumentException">A key is out of range or the folder is blank.</exception>
    public ReferenceJsonlSink(ReferenceJsonlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory, nameof(options));
        _directory = options.Directory;
        _fileName = string.Create(CultureInfo.InvariantCulture, $"0000_{options.Samples}_{options.Sequences}_{options.Seed}_vec.jsonl");
    }

    /// <summary>The <c>write-reference-jsonl</c> step type: writes into <c>reference/</c> beside the run's <c>data/</c> folder.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<ReferenceJsonlSink, ReferenceJsonlOptions>(
        "write-reference-jsonl",
        "Also writes edit sequences as the reference implementation's JSONL (reference/ in the run folder).",
        new(["edits", "instruction", "output", "meta"], [], []),
        (options, context) => new ReferenceJsonlSink(options with
        {
            Directory = Path.Combine(Path.GetDirectoryName(context.DataDirectory)!, "reference"),
            Samples = context.Limit?.ToString(CultureInfo.InvariantCulture) ?? "all",
            Seed = context.Seed,
        }));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>The file written.</summary>
    public string FilePath => Path.Combine(_directory, _fileName);

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(Sample sample, StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Edits is not { } edits)
        {
            return;
        }

        if (_stream is null)
        {
            Directory.CreateDirectory(_directory);
            _stream = new FileStream(FilePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            // Keep code readable in the file: '+', '<', quotes stay literal (still valid JSON).
            _json = new Utf8JsonWriter(_stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        var (file, index) = SourceOf(sample.MetaText("program_source") ?? "");
        _json!.Reset(_stream);
        _json.WriteStartObject();
        _json.WriteStartArray("edit_path");
        foreach (var edit in edits)
        {
            _json.WriteStringValue(edit);
        }

        _json.WriteEndArray();
        _json.WriteNumber("index", index);
        _json.WriteString("source_file", file);
        _json.WriteString("source_instruction", sample.Instruction);
        _json.WriteString("source_response", sample.Output);
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        _stream.WriteByte((byte)'\n');
    }

    /// <inheritdoc/>
    public override async ValueTask<SinkResult> CompleteAsync(StepContext context, CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        return SinkResult.Empty;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_json is not null)
        {
            await _json.DisposeAsync().ConfigureAwait(false);
            _json = null;
        }

        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
    }

    private static (string File, int Index) SourceOf(string source)
    {
        var colon = source.LastIndexOf(':');
        return colon > 0 && int.TryParse(source.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? (source[..colon], Math.Max(0, line - 1))
            : (source, 0);
    }
}
