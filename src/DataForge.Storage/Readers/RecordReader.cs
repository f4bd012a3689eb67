using System.Runtime.CompilerServices;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads instruction records from a file or a folder of files: JSON Lines, JSON arrays, Parquet
/// and bare code files. Bad input becomes error outcomes (one per bad line, row or file) with a
/// stable reason; every good record still comes out, in a deterministic order.
/// </summary>
/// <remarks>
/// A folder is walked recursively in ordinal order of relative paths. By extension:
/// <c>.jsonl</c>/<c>.ndjson</c> are JSON Lines, <c>.json</c> is an array of records (or one
/// record), <c>.parquet</c> is Parquet, an extension in <see cref="RecordReaderOptions.CodeExtensions"/>
/// is one code record per file; anything else (and any name starting with '.') is skipped.
/// Accepted record shapes: Alpaca (<c>instruction</c>, <c>input</c>, <c>output</c>, <c>language</c>),
/// chat (<c>messages</c> of <c>role</c>/<c>content</c>) and ShareGPT (<c>conversations</c> of
/// <c>from</c>/<c>value</c>); conversations are kept whole, with <c>instruction</c> the first user
/// turn and <c>output</c> the last assistant turn (null when there is none); when a line has
/// <c>messages</c> or <c>conversations</c>, those decide <c>instruction</c> and <c>output</c>.
/// Unknown fields are ignored. Rejects carry <c>kind = raw</c>, the id of the raw bytes, the raw
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
        var files = InputWalker.Collect(path, options);
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

    private static IAsyncEnumerable<Outcome> ReadFile(InputFile file, RecordReaderOptions options, CancellationToken cancellationToken) => file.Kind switch
    {
        InputFileKind.Jsonl => JsonlFileReader.ReadAsync(file, options, cancellationToken),
        InputFileKind.JsonArray => JsonArrayFileReader.ReadAsync(file, options, cancellationToken),
        InputFileKind.Parquet => ParquetFileReader.ReadAsync(file, options, cancellationToken),
        _ => CodeFileReader.ReadAsync(file, options, cancellationToken),
    };
}
