using System.Text.Json;
using Parquet.Schema;

namespace DataForge.Storage.Readers;

/// <summary>
/// Rebuilds the values of one schema field from its leaf columns (Dremel record assembly) and
/// writes them as JSON, one row at a time: a primitive as its value, a struct as an object, a list
/// as an array, a map as an object whose keys are the map keys' text. Null stays null at every level.
/// </summary>
internal sealed class ParquetNode
{
    private readonly Field _field;
    private readonly ParquetNode[] _children;
    private readonly List<ParquetLeaf> _leaves;

    private ParquetNode(Field field, ParquetNode[] children, List<ParquetLeaf> leaves)
    {
        _field = field;
        _children = children;
        _leaves = leaves;
    }

    /// <summary>The field's name.</summary>
    public string Name => _field.Name;

    /// <summary>The node of <paramref name="field"/> over the leaves read; null when one of its leaves was not read.</summary>
    public static ParquetNode? Create(Field field, IReadOnlyDictionary<string, ParquetLeaf?> leaves)
    {
        if (field is DataField data)
        {
            return leaves.GetValueOrDefault(data.Path.ToString()) is { } leaf ? new ParquetNode(field, [], [leaf]) : null;
        }

        Field[] parts = field switch
        {
            StructField s => [.. s.Fields],
            ListField l => [l.Item],
            MapField m => [m.Key, m.Value],
            _ => [],
        };
        var children = parts.Select(p => Create(p, leaves)).ToArray();
        if (children.Length == 0 || children.Any(c => c is null))
        {
            return null;
        }

        return new ParquetNode(field, children!, [.. children.SelectMany(c => c!._leaves)]);
    }

    /// <summary>Writes this field's value in the current row and moves every leaf below it past that value.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        var first = _leaves[0];
        switch (_field)
        {
            case DataField { IsArray: true } data:
                WriteRepeated(writer, first, data);
                break;
            case DataField:
                ParquetValues.Write(writer, first.Take());
                break;
            case StructField when first.Definition < _field.MaxDefinitionLevel:
                SkipNull(writer);
                break;
            case StructField:
                writer.WriteStartObject();
                foreach (var child in _children)
                {
                    writer.WritePropertyName(child.Name);
                    child.Write(writer);
                }

                writer.WriteEndObject();
                break;
            default:
                WriteEntries(writer, first);
                break;
        }
    }

    // A list or a map: one more definition level marks the group present, the next an entry in it.
    private void WriteEntries(Utf8JsonWriter writer, ParquetLeaf first)
    {
        var present = _field.MaxDefinitionLevel - 1;
        if (first.Definition < present)
        {
            SkipNull(writer);
            return;
        }

        var map = _field is MapField;
        if (map)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartArray();
        }

        if (first.Definition == present)
        {
            Skip();
        }
        else
        {
            do
            {
                if (map)
                {
                    writer.WritePropertyName(ParquetValues.KeyText(_children[0]._leaves[0].Take()));
                    _children[1].Write(writer);
                }
                else
                {
                    _children[0].Write(writer);
                }
            }
            while (!first.AtEnd && first.Repetition == _field.MaxRepetitionLevel);
        }

        if (map)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndArray();
        }
    }

    // A primitive repeated without a list annotation: no null, only empty.
    private static void WriteRepeated(Utf8JsonWriter writer, ParquetLeaf leaf, DataField data)
    {
        writer.WriteStartArray();
        if (leaf.Definition < data.MaxDefinitionLevel)
        {
            leaf.Take();
        }
        else
        {
            do
            {
                ParquetValues.Write(writer, leaf.Take());
            }
            while (!leaf.AtEnd && leaf.Repetition == data.MaxRepetitionLevel);
        }

        writer.WriteEndArray();
    }

    private void SkipNull(Utf8JsonWriter writer)
    {
        Skip();
        writer.WriteNullValue();
    }

    // Every leaf below a value that is not there (or an empty group) has exactly one entry for it.
    private void Skip()
    {
        foreach (var leaf in _leaves)
        {
            leaf.Take();
        }
    }
}
