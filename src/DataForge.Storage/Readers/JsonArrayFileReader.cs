using System.Runtime.CompilerServices;
using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a <c>.json</c> file: an array of records (each element's line is where it starts), a
/// single record object, or JSON Lines saved as <c>.json</c> (see <see cref="JsonLinesSniff"/>),
/// which is read line by line as a <c>.jsonl</c> file. An array or object is read whole, so files over
/// <see cref="RecordReaderOptions.MaxJsonFileBytes"/> are rejected as <c>file_too_large</c>.
/// A syntax error in the array ends the file with one <c>invalid_json</c> reject. Binary
/// detection is the line rule of <see cref="TextBytes.LooksBinary"/>: a NUL byte in one element
/// of a text file is such a syntax error, not a reason to drop the elements before it.
/// </summary>
internal static class JsonArrayFileReader
{
    public static async IAsyncEnumerable<Outcome> ReadAsync(InputFile file, RecordReaderOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await JsonLinesSniff.IsJsonLinesAsync(file.FullPath, options.MaxLineBytes, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var outcome in JsonlFileReader.ReadAsync(file, options, cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }

            yield break;
        }

        var length = new FileInfo(file.FullPath).Length;
        if (length > options.MaxJsonFileBytes)
        {
            yield return await TooLargeAsync(file, length, options, cancellationToken).ConfigureAwait(false);
            yield break;
        }

        var bytes = await File.ReadAllBytesAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        var body = bytes.AsMemory(bytes.AsSpan().StartsWith(TextBytes.Bom) ? TextBytes.Bom.Length : 0);
        var first = TextBytes.FirstNonBlank(body.Span);
        var rejected = first < 0 ? Rejects.EmptyFile(file, options.Origin) : FilePreamble.BinaryLines(bytes, length, file, options.Origin);
        if (rejected is not null)
        {
            yield return rejected;
            yield break;
        }

        if (body.Span[first] != (byte)'[')
        {
            yield return JsonRecords.Read(body.Span, LineAt(body.Span, first), unterminated: false, file, options);
            yield break;
        }

        foreach (var outcome in ReadElements(body, file, options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return outcome;
        }
    }

    private static IEnumerable<Outcome> ReadElements(ReadOnlyMemory<byte> body, InputFile file, RecordReaderOptions options)
    {
        var scan = JsonArrayScan.Scan(body.Span);
        var position = 0;
        var line = 1L;
        foreach (var (start, length) in scan.Elements)
        {
            line += body.Span[position..start].Count((byte)'\n');
            position = start;
            yield return JsonRecords.Read(body.Span.Slice(start, length), line, unterminated: false, file, options);
        }

        if (scan.ErrorOffset >= 0)
        {
            yield return Broken(body.Span[scan.ErrorOffset..], scan, file, options.Origin);
        }
    }

    private static Outcome Broken(ReadOnlySpan<byte> rest, JsonArrayScan scan, InputFile file, string? origin)
    {
        rest = rest.TrimStart(" \t\r\n,"u8);
        var detail = $"line {scan.ErrorLine}: the JSON array is broken here, the rest of the file is not read: {scan.ErrorDetail}";
        return Rejects.Create(ReadReasons.InvalidJson, detail, rest, file.SourceAt(scan.ErrorLine), origin);
    }

    private static long LineAt(ReadOnlySpan<byte> text, int offset) => text[..offset].Count((byte)'\n') + 1;

    private static async Task<Outcome> TooLargeAsync(InputFile file, long length, RecordReaderOptions options, CancellationToken cancellationToken)
    {
        var head = await TextBytes.ReadHeadAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        var detail = $"line 1: the file is {length} bytes, more than the limit of {options.MaxJsonFileBytes} for a .json file (read whole); write JSON Lines instead";
        return Rejects.Create(ReadReasons.FileTooLarge, detail, SampleId.ForBytes(head), RawText.From(head, truncated: true), file.SourceAt(1), options.Origin);
    }
}
