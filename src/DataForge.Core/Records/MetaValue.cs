using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataForge.Core.Records;

/// <summary>
/// Makes and reads the typed values of <see cref="Sample.Meta"/>: each value is a JSON element (a
/// string, a number, a boolean, an array or an object), written into the shards' <c>meta</c> column
/// as it is, never as JSON text inside a string.
/// </summary>
public static class MetaValue
{
    /// <summary>A string value.</summary>
    public static JsonElement Of(string value) => JsonSerializer.SerializeToElement(value, MetaValueContext.Default.String);

    /// <summary>An integer value.</summary>
    public static JsonElement Of(long value) => JsonSerializer.SerializeToElement(value, MetaValueContext.Default.Int64);

    /// <summary>An unsigned integer value (seeds): JSON holds it exactly, though readers that keep numbers as doubles round it beyond 2^53.</summary>
    public static JsonElement Of(ulong value) => JsonSerializer.SerializeToElement(value, MetaValueContext.Default.UInt64);

    /// <summary>A number; a value that JSON cannot hold (NaN, an infinity) becomes its invariant text.</summary>
    public static JsonElement Of(double value)
        => double.IsFinite(value)
            ? JsonSerializer.SerializeToElement(value, MetaValueContext.Default.Double)
            : Of(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A boolean value.</summary>
    public static JsonElement Of(bool value) => JsonSerializer.SerializeToElement(value, MetaValueContext.Default.Boolean);

    /// <summary>Any JSON value given as text (an array or object built by a step).</summary>
    /// <exception cref="JsonException"><paramref name="json"/> is not one JSON value.</exception>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>The value as text: a string as it is, anything else as its JSON text.</summary>
    public static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>True when both values are the same JSON (for tests and comparisons).</summary>
    public static bool Same(JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b);
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ulong))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class MetaValueContext : JsonSerializerContext;
