using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using Parquet;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a Parquet file row group by row group (never the whole file): each row is read like a JSON
/// record of all its columns (see <see cref="ParquetRowGroup"/>), so string columns
/// <c>instruction</c>, <c>input</c>, <c>output</c>, <c>language</c> (or the columns
/// <see cref="RecordReaderOptions.Fields"/> names) give the record, a <c>messages</c> list of
/// <c>role</c>/<c>content</c> structs (or <c>conversations</c> of <c>from</c>/<c>value</c>) a
/// conversation, and every other column goes into <c>meta.extra</c>.
/// <c>source</c> is <c>file:row</c> with 1-based row numbers.
/// </summary>
internal static class ParquetFileReader
{
    public static async IAsyncEnumerable<Outcome> ReadAsync(InputFile file, RecordReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (new FileInfo(file.FullPath).Length == 0)
        {
            yield return Rejects.EmptyFile(file, options.Origin);
            yield break;
        }

        var (reader, problem) = await OpenAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        if (reader is null)
        {
            yield return await InvalidAsync(file, 1, problem!, options.Origin, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        await using (reader.ConfigureAwait(false))
        {
            var row = 0L;
            var unsupported = new SortedSet<string>(StringComparer.Ordinal);
            for (var index = 0; index < reader.RowGroupCount; index++)
            {
                var (group, groupProblem) = await ReadGroupAsync(reader, index, options.Fields, unsupported, cancellationToken).ConfigureAwait(false);
                if (group is null)
                {
                    yield return await InvalidAsync(file, row + 1, groupProblem!, options.Origin, cancellationToken).ConfigureAwait(false);
                    yield break;
                }

                if (index == 0 && unsupported.Count > 0 && options.Notice is { } notice)
                {
                    notice($"{(options.Origin is null ? "" : $"read step '{options.Origin}': ")}{file.RelativePath}: column{(unsupported.Count == 1 ? "" : "s")} {string.Join(", ", unsupported.Select(c => $"'{c}'"))} not read (a value type with no JSON form)");
                }

                using (group)
                {
                    for (var i = 0; i < group.RowCount; i++)
                    {
                        yield return group.Next(++row, file, options);
                    }
                }
            }
        }
    }

    private static async Task<(ParquetReader? Reader, string? Problem)> OpenAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await ParquetReader.CreateAsync(path, new ParquetOptions(), cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.Message);
        }
    }

    private static async Task<(ParquetRowGroup? Group, string? Problem)> ReadGroupAsync(ParquetReader reader, int index, FieldNames names, ICollection<string> unsupported, CancellationToken cancellationToken)
    {
        try
        {
            return (await ParquetRowGroup.ReadAsync(reader, index, names, unsupported, cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, $"row group {index}: {e.Message}");
        }
    }

    private static async Task<Outcome> InvalidAsync(InputFile file, long row, string problem, string? origin, CancellationToken cancellationToken)
    {
        var head = await TextBytes.ReadHeadAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        var raw = RawText.From(head, truncated: new FileInfo(file.FullPath).Length > head.Length);
        var detail = $"row {row}: cannot read the file as Parquet: {problem}";
        return Rejects.Create(ReadReasons.InvalidParquet, detail, SampleId.ForBytes(head), raw, file.SourceAt(row), origin);
    }
}
