using System.Runtime.CompilerServices;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads instruction records from a file or a folder of files: JSON Lines, JSON arrays, CSV / TSV
/// (each also gzip or zstd compressed), Parquet and bare code files. Bad input becomes error
/// outcomes (one per bad line, row or file) with a stable reason; every good record still comes
/// out, in a deterministic order.
/// </summary>
/// <remarks>
/// A folder is walked recursively in ordinal order of relative paths. By extension:
/// <c>.jsonl</c>/<c>.ndjson</c> are JSON Lines, <c>.json</c> is an array of records, one
/// record, or JSON Lines (sniffed), <c>.csv</c>/<c>.tsv</c> are tables with a header row,
/// <c>.gz</c>/<c>.zst</c> after one of those is that format compressed, <c>.parquet</c> is
/// Parquet, an extension in <see cref="RecordReaderOptions.CodeExtensions"/> is one code record
/// per file; anything else (and any name starting with '.', the
/// <see cref="RecordReaderOptions.Exclude"/> patterns and model metadata files) is skipped and
/// named in one <see cref="RecordReaderOptions.Notice"/>.
/// Accepted record shapes: Alpaca (<c>instruction</c>, <c>input</c>, <c>output</c>, <c>language</c>),
/// chat (<c>messages</c> of <c>role</c>/<c>content</c>) and ShareGPT (<c>conversations</c> of
/// <c>from</c>/<c>value</c>); conversations are kept whole, with <c>instruction</c> the first user
/// turn and <c>output</c> the assistant turn right after it (null when there is none); when a line has
/// <c>messages</c> or <c>conversations</c>, those decide <c>instruction</c> and <c>output</c>.
/// A chat <c>content</c> may be an OpenAI content-part array: its text parts are joined with
/// <c>"\n"</c>, any other part refuses the record (<c>unsupported_content</c>).
/// <see cref="RecordReaderOptions.Fields"/> renames the fields read.
/// Fields no record field is read from go into <c>meta.extra</c> (one JSON object, keys in ordinal
/// order, values with their JSON types; never part of the id). Rejects carry <c>kind = raw</c>, the id of the raw bytes, the raw
/// text (base64 with <c>meta.raw_encoding</c> when not UTF-8; at most 64 KiB, with
/// <c>meta.raw_truncated</c> when cut) and <c>meta.detail</c>, a message naming the problem.
/// </remarks>
public static class RecordReader
{
    /// <summary>Reads every record under <paramref name="path"/>.</summary>
    /// <param name="path">A file or a folder.</param>
    /// <param name="options">How to read.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>Kept records and rejects, file by file, in file order.</returns>
    /// <exception cref="FileNotFoundException">The path has an extension and does not exist.</exception>
    /// <exception cref="DirectoryNotFoundException">The path has no extension and does not exist.</exception>
    /// <exception cref="ArgumentException">The path is a file of a type that cannot be read.</exception>
    public static IAsyncEnumerable<Outcome> ReadAsync(string path, RecordReaderOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        var (files, skipped) = InputWalker.Walk(path, options);
        if (skipped.Count > 0 && options.Notice is { } notice)
        {
            notice($"{Named(options.Origin)}{skipped.Count} file{(skipped.Count == 1 ? "" : "s")} under {path} not read: {string.Join(", ", skipped)}");
        }

        return ReadFilesAsync(files, options, cancellationToken);
    }

    private static async IAsyncEnumerable<Outcome> ReadFilesAsync(IReadOnlyList<InputFile> files, RecordReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kept = 0L;
        if (options.Limit <= 0)
        {
            yield break;
        }

        foreach (var file in files)
        {
            await foreach (var outcome in ReadFile(file, options, cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
                if (outcome.Verdict.Kept && ++kept >= options.Limit)
                {
                    yield break;
                }
            }
        }
    }

    private static string Named(string? origin) => origin is null ? string.Empty : $"read step '{origin}': ";

    private static async IAsyncEnumerable<Outcome> ReadFile(InputFile file, RecordReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (file.Compression == InputCompression.None)
        {
            await foreach (var outcome in ReadPlain(file, options, cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }

            yield break;
        }

        using var copy = await Decompression.RunAsync(file, options.ScratchDirectory, cancellationToken).ConfigureAwait(false);
        if (copy.Bytes > 0 || copy.Problem is null)
        {
            await foreach (var outcome in ReadPlain(file with { FullPath = copy.Path }, options, cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }

        if (copy.Problem is not null)
        {
            yield return await copy.RejectAsync(file, options.Origin, cancellationToken).ConfigureAwait(false);
        }
    }

    private static IAsyncEnumerable<Outcome> ReadPlain(InputFile file, RecordReaderOptions options, CancellationToken cancellationToken) => file.Kind switch
    {
        InputFileKind.Csv or InputFileKind.Tsv => CsvFileReader.ReadAsync(file, options, cancellationToken),
        InputFileKind.Jsonl => JsonlFileReader.ReadAsync(file, options, cancellationToken),
        InputFileKind.JsonArray => JsonArrayFileReader.ReadAsync(file, options, cancellationToken),
        InputFileKind.Parquet => ParquetFileReader.ReadAsync(file, options, cancellationToken),
        _ => CodeFileReader.ReadAsync(file, options, cancellationToken),
    };
}
