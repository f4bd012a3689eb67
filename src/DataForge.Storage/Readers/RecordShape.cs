using System.Collections.Immutable;
using DataForge.Core.Records;

namespace DataForge.Storage.Readers;

/// <summary>
/// Decides which of the accepted shapes a parsed record has and checks its required fields:
/// chat (<c>messages</c>) or ShareGPT (<c>conversations</c>) when present, else Alpaca.
/// </summary>
internal static class RecordShape
{
    /// <summary>Completes <paramref name="fields"/> in place; returns the problem, if any.</summary>
    public static RecordError? Complete(RecordFields fields)
    {
        if (fields.Error is { } error)
        {
            return error;
        }

        return fields.Messages is { } messages
            ? CompleteConversation(fields, messages)
            : CompleteAlpaca(fields);
    }

    /// <summary>The sample of complete fields.</summary>
    public static Sample ToSample(RecordFields fields, string source, string? origin)
    {
        ImmutableArray<ChatMessage>? messages = fields.Messages is { } list ? [.. list] : null;
        return SampleFactory.Create(fields.Instruction!, fields.Input, fields.Output, messages, fields.Language, source, origin);
    }

    private static RecordError? CompleteAlpaca(RecordFields fields)
    {
        if (fields.Instruction is null)
        {
            return Missing("'instruction' is missing (expected Alpaca 'instruction'/'output', chat 'messages' or ShareGPT 'conversations')");
        }

        return fields.Output is null ? Missing("'output' is missing") : null;
    }

    private static RecordError? CompleteConversation(RecordFields fields, List<ChatMessage> messages)
    {
        var name = fields.MessagesField;
        if (messages.Count == 0)
        {
            return Missing($"'{name}' is empty");
        }

        var user = messages.Find(m => m.Role == "user");
        if (user is null)
        {
            return Missing($"'{name}' has no user message");
        }

        fields.Instruction = user.Content;
        fields.Input = null;
        fields.Output = messages.FindLast(m => m.Role == "assistant")?.Content;
        return null;
    }

    private static RecordError Missing(string detail) => new(ReadReasons.MissingField, detail);
}
