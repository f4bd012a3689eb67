using System.Buffers;
using System.Text;
using System.Text.Json;
using DataForge.Core.Steps;
using Parquet;
using Parquet.Schema;

namespace DataForge.Storage.Readers;

/// <summary>The record columns of one Parquet row group, read as strings (null where a value or the column is absent).</summary>
internal sealed class ParquetRowGroup
{
    private const int ColumnCount = 4;
    private readonly string?[]?[] _columns = new string?[]?[ColumnCount];
    private readonly string?[] _problems = new string?[ColumnCount];

    private ParquetRowGroup(int rowCount, FieldNames names)
    {
        RowCount = rowCount;
        Names = [names.Instruction, names.Input, names.Output, names.Language];
    }

    // The columns read as instruction, input, output and language.
    private string[] Names { get; }

    public int RowCount { get; }

    public static async Task<ParquetRowGroup> ReadAsync(ParquetReader reader, int index, FieldNames names, CancellationToken cancellationToken)
    {
        var group = reader.OpenRowGroupReader(index);
        var rows = new ParquetRowGroup(checked((int)group.RowCount), names);
        for (var c = 0; c < ColumnCount; c++)
        {
            await rows.ReadColumnAsync(group, reader.Schema, c, cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    /// <summary>The outcome of row <paramref name="index"/> of this group.</summary>
    public Outcome Row(int index, long rowNumber, InputFile file, RecordReaderOptions options)
    {
        var values = new string?[Names.Length];
        for (var c = 0; c < Names.Length; c++)
        {
            values[c] = _columns[c]?[index];
        }

        var source = file.SourceAt(rowNumber);
        if (Check(values, options.MaxFieldBytes) is { } error)
        {
            return Rejects.Create(error.Reason, $"row {rowNumber}: {error.Detail}", RawJson(values), source, options.Origin);
        }

        return Outcome.Keep(SampleFactory.Create(values[0]!, values[1], values[2], null, values[3], source, options.Origin));
    }

    private async Task ReadColumnAsync(ParquetRowGroupReader group, ParquetSchema schema, int c, CancellationToken cancellationToken)
    {
        var field = schema.Fields.FirstOrDefault(f => f.Name == Names[c]);
        if (field is null)
        {
            return;
        }

        if (field is not DataField { IsArray: false } data)
        {
            _problems[c] = $"column '{Names[c]}' is a {field.SchemaType}, not a string";
            return;
        }

        var values = new string?[RowCount];
        try
        {
            await group.ReadAsync(data, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            _columns[c] = values;
        }
        catch (ArgumentException)
        {
            _problems[c] = $"column '{Names[c]}' holds {data.ClrType.Name} values, not strings";
        }
    }

    private RecordError? Check(string?[] values, int maxFieldBytes)
    {
        for (var c = 0; c < Names.Length; c++)
        {
            if (_problems[c] is { } problem)
            {
                return new RecordError(ReadReasons.WrongType, problem);
            }
        }

        if (values[0] is null || values[2] is null)
        {
            return new RecordError(ReadReasons.MissingField, $"'{(values[0] is null ? Names[0] : Names[2])}' is missing (null, or no such column)");
        }

        for (var c = 0; c < Names.Length; c++)
        {
            if (values[c] is { } value && Utf8Length(value, maxFieldBytes) is var bytes && bytes > maxFieldBytes)
            {
                return new RecordError(ReadReasons.FieldTooLarge, $"'{Names[c]}' is {bytes} bytes, more than the limit of {maxFieldBytes} (max_field_bytes)");
            }
        }

        return null;
    }

    // Each char is 1 to 3 UTF-8 bytes, so only strings in between need counting.
    private static long Utf8Length(string value, int maxFieldBytes)
        => value.Length > maxFieldBytes || 3L * value.Length <= maxFieldBytes ? value.Length : Encoding.UTF8.GetByteCount(value);

    private byte[] RawJson(string?[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var c = 0; c < Names.Length; c++)
            {
                if (values[c] is { } value)
                {
                    writer.WriteString(Names[c], value);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
