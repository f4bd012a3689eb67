using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace DataForge.Storage.Readers;

/// <summary>
/// One leaf column of a Parquet row group as read: its definition and repetition levels (one per
/// entry) and its values, packed (one per entry whose definition level is the column's maximum),
/// already turned into JSON-ready objects so no pooled buffer outlives the read.
/// </summary>
internal sealed class ParquetLeaf
{
    private readonly int[]? _definitions;
    private readonly int[]? _repetitions;
    private readonly object[] _values;
    private readonly int _count;
    private int _entry;
    private int _value;

    private ParquetLeaf(DataField field, int count, int[]? definitions, int[]? repetitions, object[] values)
    {
        Field = field;
        _count = count;
        _definitions = definitions;
        _repetitions = repetitions;
        _values = values;
    }

    /// <summary>The column.</summary>
    public DataField Field { get; }

    /// <summary>The definition level of the current entry.</summary>
    public int Definition => _definitions?[_entry] ?? Field.MaxDefinitionLevel;

    /// <summary>The repetition level of the current entry (0: a new row).</summary>
    public int Repetition => _repetitions?[_entry] ?? 0;

    /// <summary>Whether every entry has been taken.</summary>
    public bool AtEnd => _entry >= _count;

    /// <summary>Reads the column of <paramref name="group"/>; null when its values have a type with no JSON form.</summary>
    public static async Task<ParquetLeaf?> ReadAsync(ParquetRowGroupReader group, DataField field, CancellationToken cancellationToken)
    {
        if (!ParquetValues.IsSupported(field.ClrType))
        {
            return null;
        }

        using var raw = await group.ReadRawColumnDataBaseAsync(field, cancellationToken).ConfigureAwait(false);
        var definitions = field.MaxDefinitionLevel > 0 ? raw.DefinitionLevels.ToArray() : null;
        var repetitions = field.MaxRepetitionLevel > 0 ? raw.RepetitionLevels.ToArray() : null;
        var count = definitions?.Length ?? checked((int)group.RowCount);
        var defined = definitions is null ? count : definitions.Count(d => d == field.MaxDefinitionLevel);
        return new ParquetLeaf(field, count, definitions, repetitions, ParquetValues.Box(raw, field, defined));
    }

    /// <summary>Takes the current entry: its value, or null when it is not defined down to the leaf.</summary>
    public object? Take()
    {
        var defined = Definition == Field.MaxDefinitionLevel;
        _entry++;
        return defined ? _values[_value++] : null;
    }
}
