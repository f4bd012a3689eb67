using System.Text;
using System.Text.Json;

namespace DataForge.Storage.Readers;

/// <summary>
/// Reads a chat message's <c>content</c>: a string, or an OpenAI content-part array
/// (<c>[{"type": "text", "text": "..."}, ...]</c>) whose text parts are joined with <c>"\n"</c>.
/// A part of any other type (an image, audio, a file) refuses the record as
/// <c>unsupported_content</c>: its text alone would not be the message.
/// </summary>
internal static class ContentParts
{
    /// <summary>Reads the value after a <c>content</c> property name; null for JSON null or a problem.</summary>
    public static string? ReadContent(ref Utf8JsonReader reader, string name, RecordFields fields, int maxFieldBytes)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return ReadValue(ref reader, name, fields, maxFieldBytes);
        }

        var texts = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadPart(ref reader, $"{name}[{texts.Count}]", fields, maxFieldBytes) is { } text)
            {
                texts.Add(text);
            }
        }

        var joined = string.Join('\n', texts);
        var bytes = Encoding.UTF8.GetByteCount(joined);
        if (bytes > maxFieldBytes)
        {
            fields.Fail(ReadReasons.FieldTooLarge, $"'{name}' is {bytes} bytes, more than the limit of {maxFieldBytes} (max_field_bytes)");
        }

        return joined;
    }

    private static string? ReadValue(ref Utf8JsonReader reader, string name, RecordFields fields, int maxFieldBytes)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return RecordParser.ReadBoundedString(ref reader, name, fields, maxFieldBytes);
            case JsonTokenType.Null:
                return null;
            default:
                fields.Fail(ReadReasons.WrongType, $"'{name}' must be a string, found {RecordParser.Describe(reader.TokenType)}");
                reader.Skip();
                return string.Empty;
        }
    }

    private static string? ReadPart(ref Utf8JsonReader reader, string name, RecordFields fields, int maxFieldBytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            fields.Fail(ReadReasons.WrongType, $"'{name}' must be a content part object, found {RecordParser.Describe(reader.TokenType)}");
            reader.Skip();
            return null;
        }

        string? type = null, text = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                type = RecordParser.ReadString(ref reader, $"{name}.type", fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                text = RecordParser.ReadString(ref reader, $"{name}.text", fields, maxFieldBytes);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (type != "text")
        {
            var found = type is null ? "has no 'type'" : $"is a '{type}' part";
            fields.Fail(ReadReasons.UnsupportedContent, $"'{name}' {found}; only 'text' content parts are read");
            return null;
        }

        if (text is null)
        {
            fields.Fail(ReadReasons.MissingField, $"'{name}' is a 'text' part with no 'text'");
        }

        return text;
    }
}
