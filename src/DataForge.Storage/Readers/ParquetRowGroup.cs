using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataForge.Core.Steps;
using Parquet;
using Parquet.Schema;

namespace DataForge.Storage.Readers;

/// <summary>
/// One Parquet row group, read column by column and handed out row by row, in order: each row
/// becomes one JSON object of every column (nested lists and structs included) and is read like
/// a JSON record, so the record fields come from their columns and every other column goes into
/// <c>meta.extra</c> with its type.
/// </summary>
internal sealed class ParquetRowGroup : IDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<ParquetNode> _columns;
    private readonly string? _problem;
    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _writer;

    private ParquetRowGroup(int rowCount, List<ParquetNode> columns, string? problem)
    {
        RowCount = rowCount;
        _columns = columns;
        _problem = problem;
        _writer = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public int RowCount { get; }

    /// <summary>
    /// Reads row group <paramref name="index"/>; <paramref name="unsupported"/> gets the columns
    /// left out because a value type has no JSON form.
    /// </summary>
    public static async Task<ParquetRowGroup> ReadAsync(ParquetReader reader, int index, FieldNames names, ICollection<string> unsupported, CancellationToken cancellationToken)
    {
        using var group = reader.OpenRowGroupReader(index);
        var leaves = new Dictionary<string, ParquetLeaf?>(StringComparer.Ordinal);
        foreach (var field in reader.Schema.GetDataFields())
        {
            leaves[field.Path.ToString()] = await ParquetLeaf.ReadAsync(group, field, cancellationToken).ConfigureAwait(false);
        }

        var columns = new List<ParquetNode>();
        foreach (var field in reader.Schema.Fields)
        {
            if (ParquetNode.Create(field, leaves) is { } node)
            {
                columns.Add(node);
            }
            else
            {
                unsupported.Add(field.Name);
            }
        }

        return new ParquetRowGroup(checked((int)group.RowCount), columns, Problem(reader.Schema, names));
    }

    /// <summary>The outcome of the next row of this group, numbered <paramref name="rowNumber"/> in its file.</summary>
    public Outcome Next(long rowNumber, InputFile file, RecordReaderOptions options)
    {
        var json = RowJson();
        var source = file.SourceAt(rowNumber);
        if (_problem is not null)
        {
            return Rejects.Create(ReadReasons.WrongType, $"row {rowNumber}: {_problem}", json, source, options.Origin);
        }

        var fields = RecordParser.Parse(json, options.MaxFieldBytes, options.Fields);
        return RecordShape.Complete(fields, options.Fields) is { } error
            ? Rejects.Create(error.Reason, $"row {rowNumber}: {error.Detail}", json, source, options.Origin)
            : Outcome.Keep(RecordShape.ToSample(fields, source, options.Origin));
    }

    /// <inheritdoc/>
    public void Dispose() => _writer.Dispose();

    // The row's JSON, in a buffer reused row after row (valid until the next call).
    private ReadOnlySpan<byte> RowJson()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        foreach (var column in _columns)
        {
            _writer.WritePropertyName(column.Name);
            column.Write(_writer);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    // A text field's column must hold strings: binary or numbers would be read as something else.
    private static string? Problem(ParquetSchema schema, FieldNames names)
    {
        foreach (var name in new[] { names.Instruction, names.Input, names.Output, names.Language })
        {
            var field = schema.Fields.FirstOrDefault(f => f.Name == name);
            if (field is not null and not DataField { IsArray: false })
            {
                return $"column '{name}' is a {field.SchemaType}, not a string";
            }

            if (field is DataField data && data.ClrType != typeof(ReadOnlyMemory<char>) && data.ClrType != typeof(string))
            {
                var type = data.ClrType == typeof(ReadOnlyMemory<byte>) || data.ClrType == typeof(byte[]) ? "binary" : data.ClrType.Name;
                return $"column '{name}' holds {type} values, not strings";
            }
        }

        return null;
    }
}
