using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using DataForge.Core.Steps;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a <c>.csv</c> or <c>.tsv</c> file with a header row: each later row is one record whose
/// fields are the columns named in the header (renamed by <see cref="RecordReaderOptions.Fields"/>),
/// each cell a string (an empty cell is <c>""</c>). A <c>messages</c> or <c>conversations</c>
/// cell holds the conversation as JSON; an empty one is no conversation. <c>source</c> is the
/// line a row starts on. A row with a broken quote or a different number of cells than the
/// header is rejected as <c>invalid_csv</c> with its raw text; blank lines are skipped.
/// </summary>
internal static class CsvFileReader
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

            var rows = new CsvRowReader(stream, file.Kind == InputFileKind.Tsv ? (byte)'\t' : (byte)',', options.MaxLineBytes);
            string?[]? header = null;
            while (await rows.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                var raw = rows.LineNumber == 1 ? TextBytes.StripBom(rows.Raw) : rows.Raw;
                if (TextBytes.IsBlank(raw) && rows.Problem is null)
                {
                    continue;
                }

                if (header is null)
                {
                    var (names, problem) = Header(rows, raw);
                    if (problem is not null)
                    {
                        yield return Rejects.Create(ReadReasons.InvalidCsv, $"line {rows.LineNumber}: the header row cannot be read, the rest of the file is not read: {problem}", raw, file.SourceAt(rows.LineNumber), options.Origin);
                        yield break;
                    }

                    header = names;
                    continue;
                }

                yield return Row(rows, raw, header, file, options);
            }

            if (header is null)
            {
                yield return Rejects.EmptyFile(file, options.Origin);
            }
        }
    }

    private static (string?[] Names, string? Problem) Header(CsvRowReader rows, ReadOnlySpan<byte> raw)
    {
        if ((rows.Problem ?? Bytes(rows, raw)) is { } problem)
        {
            return ([], problem);
        }

        var names = new string?[rows.Fields.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            var cell = rows.Fields[i].AsSpan();
            var name = Encoding.UTF8.GetString(i == 0 ? TextBytes.StripBom(cell) : cell).Trim();
            if (name.Length > 0 && !seen.Add(name))
            {
                return ([], $"column '{name}' is named twice");
            }

            names[i] = name.Length == 0 ? null : name;
        }

        return (names, null);
    }

    private static Outcome Row(CsvRowReader rows, ReadOnlySpan<byte> raw, string?[] header, InputFile file, RecordReaderOptions options)
    {
        var line = rows.LineNumber;
        var source = file.SourceAt(line);
        if (rows.RawLength > options.MaxLineBytes)
        {
            var detail = $"line {line}: the row is {rows.RawLength} bytes, more than the limit of {options.MaxLineBytes} (max_line_bytes)";
            return Rejects.Create(ReadReasons.LineTooLarge, detail, raw, source, options.Origin);
        }

        if (!Utf8.IsValid(raw))
        {
            var detail = $"line {line}: not valid UTF-8 (first bad byte at offset {JsonRecords.FirstInvalidByte(raw)})";
            return Rejects.Create(ReadReasons.InvalidUtf8, detail, raw, source, options.Origin);
        }

        var problem = rows.Problem ?? Bytes(rows, raw)
            ?? (rows.Fields.Count != header.Length ? $"the row has {rows.Fields.Count} cells, the header has {header.Length}" : null);
        if (problem is not null)
        {
            return Rejects.Create(ReadReasons.InvalidCsv, $"line {line}: {problem}", raw, source, options.Origin);
        }

        var fields = RecordParser.Parse(ToJson(rows.Fields, header, options.Fields), options.MaxFieldBytes, options.Fields);
        return JsonRecords.Complete(fields, raw, line, unterminated: false, source, options);
    }

    private static string? Bytes(CsvRowReader rows, ReadOnlySpan<byte> raw)
        => raw.IndexOf((byte)0) is var nul and >= 0 ? $"a NUL byte at offset {nul} (binary data in a text row)"
            : rows.Fields.Exists(f => !Utf8.IsValid(f)) ? "a cell is not valid UTF-8"
            : null;

    // The row as one JSON object; conversation cells are inserted as the JSON they hold.
    private static ReadOnlySpan<byte> ToJson(List<byte[]> cells, string?[] header, FieldNames names)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                if (header[i] is not { } name)
                {
                    continue;
                }

                var cell = cells[i];
                if (name == names.Messages || name == names.Conversations)
                {
                    if (!TextBytes.IsBlank(cell))
                    {
                        writer.WritePropertyName(name);
                        writer.WriteRawValue(cell, skipInputValidation: true);
                    }
                }
                else
                {
                    writer.WriteString(name, cell);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan;
    }
}
