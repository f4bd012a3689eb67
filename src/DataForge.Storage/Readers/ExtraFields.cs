using System.Buffers;
using System.Text.Json;

namespace DataForge.Storage.Readers;

/// <summary>
/// The fields of an input record that no record field is read from (<c>id</c>, <c>category</c>,
/// <c>tags</c>, nested objects): kept as their JSON text while the record is parsed, then made
/// into one JSON object with its keys in ordinal order, the record's <c>meta.extra</c>. A key
/// given twice keeps its last value, as JSON readers do.
/// </summary>
internal sealed class ExtraFields
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly SortedDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps the value after the property name <paramref name="reader"/> stands on and moves past it;
    /// a value whose JSON text is longer than <paramref name="maxFieldBytes"/> fails the record as <c>field_too_large</c>.
    /// </summary>
    /// <param name="reader">Positioned on a property name of the record object.</param>
    /// <param name="json">The whole record's bytes, which <paramref name="reader"/> reads.</param>
    /// <param name="fields">The record, which gets the field (or the problem).</param>
    /// <param name="maxFieldBytes">The largest value kept.</param>
    public static void Capture(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, RecordFields fields, int maxFieldBytes)
    {
        var name = reader.GetString()!;
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var length = (int)reader.BytesConsumed - start;
        if (length > maxFieldBytes)
        {
            fields.Fail(ReadReasons.FieldTooLarge, $"'{name}' is {length} bytes of JSON, more than the limit of {maxFieldBytes} (max_field_bytes; fields no record field is read from are kept in meta.extra)");
            return;
        }

        fields.Extra ??= new ExtraFields();
        var value = json.Slice(start, length);
        fields.Extra._values[name] = IsCompact(value) ? value.ToArray() : Compact(value);
    }

    /// <summary>The fields as one JSON object, keys in ordinal order.</summary>
    public JsonElement ToElement()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in _values)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        using var result = JsonDocument.Parse(buffer.WrittenMemory);
        return result.RootElement.Clone();
    }

    // Whether the value has no blank between its tokens (the input's spacing should not travel).
    private static bool IsCompact(ReadOnlySpan<byte> value)
    {
        var inString = false;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (inString)
            {
                i += b == '\\' ? 1 : 0;
                inString = b != '"';
            }
            else if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                return false;
            }
            else
            {
                inString = b == '"';
            }
        }

        return true;
    }

    private static byte[] Compact(ReadOnlySpan<byte> value)
    {
        var buffer = new ArrayBufferWriter<byte>(value.Length);
        var reader = new Utf8JsonReader(value);
        using (var document = JsonDocument.ParseValue(ref reader))
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            document.RootElement.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
