using System.Text;
using System.Text.Unicode;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>Turns the bytes of one JSON record (a JSONL line, a JSON array element) into its outcome.</summary>
internal static class JsonRecords
{
    /// <summary>
    /// The kept record or the reject of <paramref name="json"/>, which starts on <paramref name="line"/>.
    /// Bytes that are not UTF-8 reject it as <c>invalid_utf8</c>; a NUL byte as <c>invalid_json</c>.
    /// </summary>
    /// <param name="json">The record's bytes (no line terminator, no BOM).</param>
    /// <param name="line">1-based line number in the file.</param>
    /// <param name="unterminated">True for the last line of a file that has no trailing newline.</param>
    /// <param name="file">The file.</param>
    /// <param name="options">Reader options.</param>
    public static Outcome Read(ReadOnlySpan<byte> json, long line, bool unterminated, InputFile file, RecordReaderOptions options)
    {
        var source = file.SourceAt(line);
        if (!Utf8.IsValid(json))
        {
            var detail = $"line {line}: not valid UTF-8 (first bad byte at offset {FirstInvalidByte(json)})";
            return Rejects.Create(ReadReasons.InvalidUtf8, detail, json, source, options.Origin);
        }

        if (json.IndexOf((byte)0) is var nul and >= 0)
        {
            var detail = $"line {line}: a NUL byte at offset {nul} (binary data in a text line; JSON allows none, not even inside a string)";
            return Rejects.Create(ReadReasons.InvalidJson, detail, json, source, options.Origin);
        }

        return Complete(RecordParser.Parse(json, options.MaxFieldBytes, options.Fields), json, line, unterminated, source, options);
    }

    /// <summary>The kept record of parsed <paramref name="fields"/>, or their reject with <paramref name="raw"/> as its raw text.</summary>
    public static Outcome Complete(RecordFields fields, ReadOnlySpan<byte> raw, long line, bool unterminated, string source, RecordReaderOptions options)
        => RecordShape.Complete(fields, options.Fields) is { } error
            ? Reject(error, raw, line, unterminated, source, options.Origin)
            : Outcome.Keep(RecordShape.ToSample(fields, source, options.Origin));

    /// <summary>Offset of the first byte that does not start a valid UTF-8 sequence (the length when all are valid).</summary>
    public static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }

    private static Outcome Reject(RecordError error, ReadOnlySpan<byte> json, long line, bool unterminated, string source, string? origin)
    {
        if (error.IsSyntax && unterminated)
        {
            var detail = $"line {line}: the last line has no newline and is not complete JSON (truncated file?): {error.Detail}";
            return Rejects.Create(ReadReasons.TruncatedLine, detail, json, source, origin);
        }

        return Rejects.Create(error.Reason, $"line {line}: {error.Detail}", json, source, origin);
    }
}
