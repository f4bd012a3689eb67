using System.Globalization;
using System.Text.Json;
using Parquet.Data;
using Parquet.Schema;

namespace DataForge.Storage.Readers;

/// <summary>
/// The JSON form of Parquet values: strings as strings, numbers as numbers, booleans as booleans;
/// dates and times as ISO 8601 text, UUIDs as text, binary as base64 text. NaN and infinities
/// (which JSON cannot hold) become their invariant text.
/// </summary>
internal static class ParquetValues
{
    private static readonly HashSet<Type> Supported =
    [
        typeof(ReadOnlyMemory<char>), typeof(ReadOnlyMemory<byte>), typeof(string), typeof(byte[]), typeof(bool),
        typeof(sbyte), typeof(byte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong),
        typeof(float), typeof(double), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly),
        typeof(TimeOnly), typeof(TimeSpan), typeof(Guid),
    ];

    /// <summary>Whether values of <paramref name="type"/> have a JSON form.</summary>
    public static bool IsSupported(Type type) => Supported.Contains(type);

    /// <summary>The first <paramref name="count"/> values of <paramref name="raw"/> as objects <see cref="Write"/> takes.</summary>
    public static object[] Box(RawColumnData raw, DataField field, int count)
    {
        var dateOnly = field is DateTimeDataField { DateTimeFormat: DateTimeFormat.Date };
        return raw switch
        {
            RawColumnData<ReadOnlyMemory<char>> r => Box(r.Values, count, v => v.ToString()),
            RawColumnData<ReadOnlyMemory<byte>> r => Box(r.Values, count, v => Convert.ToBase64String(v.Span)),
            RawColumnData<bool> r => Box(r.Values, count, v => v),
            RawColumnData<sbyte> r => Box(r.Values, count, v => (long)v),
            RawColumnData<byte> r => Box(r.Values, count, v => (long)v),
            RawColumnData<short> r => Box(r.Values, count, v => (long)v),
            RawColumnData<ushort> r => Box(r.Values, count, v => (long)v),
            RawColumnData<int> r => Box(r.Values, count, v => (long)v),
            RawColumnData<uint> r => Box(r.Values, count, v => (long)v),
            RawColumnData<long> r => Box(r.Values, count, v => v),
            RawColumnData<ulong> r => Box(r.Values, count, v => v),
            RawColumnData<float> r => Box(r.Values, count, v => v),
            RawColumnData<double> r => Box(r.Values, count, v => v),
            RawColumnData<decimal> r => Box(r.Values, count, v => v),
            RawColumnData<DateTime> r => Box(r.Values, count, v => Text(v, dateOnly)),
            RawColumnData<DateTimeOffset> r => Box(r.Values, count, v => v.ToString("o", CultureInfo.InvariantCulture)),
            RawColumnData<DateOnly> r => Box(r.Values, count, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            RawColumnData<TimeOnly> r => Box(r.Values, count, v => v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            RawColumnData<TimeSpan> r => Box(r.Values, count, v => v.ToString("c", CultureInfo.InvariantCulture)),
            RawColumnData<Guid> r => Box(r.Values, count, v => v.ToString("D", CultureInfo.InvariantCulture)),
            _ => throw new NotSupportedException($"column '{field.Path}' holds {field.ClrType.Name} values"),
        };
    }

    /// <summary>Writes one value boxed by <see cref="Box"/> (or null).</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case ulong number:
                writer.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The text of a value, for a map key.</summary>
    public static string KeyText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Text(DateTime value, bool dateOnly)
        => value.ToString(dateOnly ? "yyyy-MM-dd" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture);

    private static object[] Box<T>(Span<T> values, int count, Func<T, object> convert)
    {
        var boxed = new object[count];
        for (var i = 0; i < count; i++)
        {
            boxed[i] = convert(values[i]);
        }

        return boxed;
    }
}
