using System.Runtime.CompilerServices;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a JSON Lines file (<c>.jsonl</c>, <c>.ndjson</c>): one record per line, streamed at the
/// byte level with one bounded buffer, so invalid UTF-8 is caught per line and a huge file is
/// never held whole. Blank lines are skipped; a BOM and CRLF endings are accepted.
/// </summary>
/// <remarks>
/// A NUL byte never costs more than its own line: the line is rejected as <c>invalid_json</c>
/// with its line number, the other lines are read. The whole file is one <c>binary_file</c>
/// reject only when its first 8 KiB are mostly not text lines (<see cref="TextBytes.LooksBinary"/>:
/// a NUL byte there, and fewer than half of the non-blank lines there free of NUL bytes and valid
/// UTF-8), as for an image, an archive or UTF-16 text renamed <c>.jsonl</c>.
/// </remarks>
internal static class JsonlFileReader
{
    public static async IAsyncEnumerable<Outcome> ReadAsync(InputFile file, RecordReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = TextBytes.OpenRead(file.FullPath);
        await using (stream.ConfigureAwait(false))
        {
            if (await FilePreamble.CheckAsync(stream, file, options.Origin, cancellationToken).ConfigureAwait(false) is { } rejected)
            {
                yield return rejected;
                yield break;
            }

            var lines = new LineSplitter(stream, options.MaxLineBytes);
            var sawContent = false;
            while (await lines.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (ReadLine(lines, file, options) is { } outcome)
                {
                    sawContent = true;
                    yield return outcome;
                }
            }

            if (!sawContent)
            {
                yield return Rejects.EmptyFile(file, options.Origin);
            }
        }
    }

    private static Outcome? ReadLine(LineSplitter lines, InputFile file, RecordReaderOptions options)
    {
        if (lines.Oversized is { } oversized)
        {
            using (oversized)
            {
                return TooLarge(oversized, lines.LineNumber, file, options);
            }
        }

        // A BOM is dropped on any line, not only the first: files joined with `cat` carry one per part.
        var line = TextBytes.StripBom(lines.Current.Span);

        return TextBytes.IsBlank(line) ? null : JsonRecords.Read(line, lines.LineNumber, !lines.Terminated, file, options);
    }

    private static Outcome TooLarge(OversizedLine line, long number, InputFile file, RecordReaderOptions options)
    {
        var raw = RawText.From(line.Prefix, truncated: true);
        var detail = $"line {number}: the line is {line.Length} bytes, more than the limit of {options.MaxLineBytes} (max_line_bytes)";
        return Rejects.Create(ReadReasons.LineTooLarge, detail, line.Id(), raw, file.SourceAt(number), options.Origin);
    }
}
