using System.Text;
using System.Text.Json;
using DataForge.Core.Records;

namespace DataForge.Storage.Readers;

/// <summary>
/// Parses one JSON object (a JSONL line or a JSON array element) into <see cref="RecordFields"/>
/// with a single forward pass of <see cref="Utf8JsonReader"/>: strings are decoded once, fields no
/// record field is read from are kept as their JSON text (<see cref="ExtraFields"/>). A type or size problem is recorded and the pass goes on,
/// so that a syntax error later in the text still wins (it is reported as <c>invalid_json</c>).
/// </summary>
internal static class RecordParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    public static RecordFields Parse(ReadOnlySpan<byte> json, int maxFieldBytes, FieldNames? names = null)
    {
        names ??= FieldNames.Default;
        var fields = new RecordFields();
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            reader.Read();
            var root = reader.TokenType;
            if (root == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, json, fields, maxFieldBytes, names);
            }
            else
            {
                reader.Skip();
                fields.Fail(ReadReasons.NotAnObject, $"expected a JSON object, found {Describe(root)}");
            }

            EnsureEnd(ref reader);
        }
        catch (JsonException e)
        {
            fields.FailSyntax($"expected a JSON object: {Describe(e)}");
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses escapes that decode to a lone UTF-16 surrogate ("\ud800").
            fields.FailUndecodable($"a string cannot be decoded: {e.Message}");
        }

        return fields;
    }

    /// <summary>The message of a reader exception, with its position as a byte offset.</summary>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        message = (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return e.BytePositionInLine is { } position ? $"{message} (at byte {position})" : message;
    }

    private static void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, RecordFields fields, int maxFieldBytes, FieldNames names)
    {
        var keys = names.Utf8;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(keys[0]))
            {
                fields.Instruction = ReadString(ref reader, names.Instruction, fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals(keys[1]))
            {
                fields.Input = ReadString(ref reader, names.Input, fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals(keys[2]))
            {
                fields.Output = ReadString(ref reader, names.Output, fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals(keys[3]))
            {
                fields.Language = ReadString(ref reader, names.Language, fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals(keys[4]))
            {
                ReadConversation(ref reader, names.Messages, shareGpt: false, fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals(keys[5]))
            {
                ReadConversation(ref reader, names.Conversations, shareGpt: true, fields, maxFieldBytes);
            }
            else
            {
                ExtraFields.Capture(ref reader, json, fields, maxFieldBytes);
            }
        }
    }

    private static void ReadConversation(ref Utf8JsonReader reader, string name, bool shareGpt, RecordFields fields, int maxFieldBytes)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            fields.Fail(ReadReasons.WrongType, $"'{name}' must be an array of objects, found {Describe(reader.TokenType)}");
            reader.Skip();
            return;
        }

        var messages = new List<ChatMessage>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var message = ReadMessage(ref reader, $"{name}[{messages.Count}]", shareGpt, fields, maxFieldBytes);
            messages.Add(message ?? new ChatMessage(string.Empty, string.Empty));
        }

        fields.Messages = messages;
        fields.MessagesField = name;
    }

    private static ChatMessage? ReadMessage(ref Utf8JsonReader reader, string name, bool shareGpt, RecordFields fields, int maxFieldBytes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            fields.Fail(ReadReasons.WrongType, $"'{name}' must be an object, found {Describe(reader.TokenType)}");
            reader.Skip();
            return null;
        }

        var (roleKey, contentKey) = shareGpt ? ("from", "value") : ("role", "content");
        string? role = null, content = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(roleKey))
            {
                role = ReadString(ref reader, $"{name}.{roleKey}", fields, maxFieldBytes);
            }
            else if (reader.ValueTextEquals(contentKey))
            {
                content = shareGpt
                    ? ReadString(ref reader, $"{name}.{contentKey}", fields, maxFieldBytes)
                    : ContentParts.ReadContent(ref reader, $"{name}.{contentKey}", fields, maxFieldBytes);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return CompleteMessage(role, content, name, roleKey, contentKey, shareGpt, fields);
    }

    private static ChatMessage? CompleteMessage(string? role, string? content, string name, string roleKey, string contentKey, bool shareGpt, RecordFields fields)
    {
        if (role is null || content is null)
        {
            fields.Fail(ReadReasons.MissingField, $"'{name}' has no '{(role is null ? roleKey : contentKey)}'");
            return null;
        }

        return new ChatMessage(shareGpt ? ShareGptRole(role) : role, content);
    }

    private static string ShareGptRole(string from) => from.ToLowerInvariant() switch
    {
        "human" or "user" => "user",
        "gpt" or "assistant" or "model" => "assistant",
        "system" => "system",
        _ => from,
    };

    /// <summary>Reads the value after a property name: a string, or null for JSON null; anything else fails the record.</summary>
    internal static string? ReadString(ref Utf8JsonReader reader, string name, RecordFields fields, int maxFieldBytes)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ReadBoundedString(ref reader, name, fields, maxFieldBytes);
            case JsonTokenType.Null:
                return null;
            default:
                fields.Fail(ReadReasons.WrongType, $"'{name}' must be a string, found {Describe(reader.TokenType)}");
                reader.Skip();
                return null;
        }
    }

    internal static string? ReadBoundedString(ref Utf8JsonReader reader, string name, RecordFields fields, int maxFieldBytes)
    {
        // Unescaping never makes a string longer, so short raw text is within the limit as it stands.
        if (reader.ValueSpan.Length <= maxFieldBytes)
        {
            return reader.GetString();
        }

        var bytes = reader.ValueIsEscaped ? Encoding.UTF8.GetByteCount(reader.GetString()!) : reader.ValueSpan.Length;
        if (bytes <= maxFieldBytes)
        {
            return reader.GetString();
        }

        fields.Fail(ReadReasons.FieldTooLarge, $"'{name}' is {bytes} bytes, more than the limit of {maxFieldBytes} (max_field_bytes)");
        return null;
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        // With the whole text final, a second root value or stray characters throw here.
        if (reader.Read())
        {
            throw new JsonException($"unexpected {Describe(reader.TokenType)} after the JSON value", null, 0, reader.TokenStartIndex);
        }
    }

    internal static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
