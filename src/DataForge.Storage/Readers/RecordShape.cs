using System.Collections.Immutable;
using DataForge.Core.Records;

namespace DataForge.Storage.Readers;

/// <summary>
/// Decides which of the accepted shapes a parsed record has and checks its required fields:
/// chat (<c>messages</c>) or ShareGPT (<c>conversations</c>) when present, else Alpaca.
/// A conversation stays whole in <c>messages</c>; its first exchange gives <c>instruction</c>
/// (the first user turn) and <c>output</c> (the assistant turn right after it, null when the next
/// turn is not an assistant's), so a question is never paired with the answer to another one.
/// A system turn stays in <c>messages</c> only; <c>input</c> is null.
/// </summary>
internal static class RecordShape
{
    /// <summary>Completes <paramref name="fields"/> in place; returns the problem, if any.</summary>
    public static RecordError? Complete(RecordFields fields, FieldNames? names = null)
    {
        names ??= FieldNames.Default;
        if (fields.Error is { } error)
        {
            return error;
        }

        return fields.Messages is { } messages
            ? CompleteConversation(fields, messages)
            : CompleteAlpaca(fields, names);
    }

    /// <summary>The sample of complete fields.</summary>
    public static Sample ToSample(RecordFields fields, string source, string? origin)
    {
        ImmutableArray<ChatMessage>? messages = fields.Messages is { } list ? [.. list] : null;
        var sample = SampleFactory.Create(fields.Instruction!, fields.Input, fields.Output, messages, fields.Language, source, origin);
        return fields.Extra is { } extra ? sample.WithMeta(SampleFactory.ExtraKey, extra.ToElement()) : sample;
    }

    private static RecordError? CompleteAlpaca(RecordFields fields, FieldNames names)
    {
        if (fields.Instruction is null)
        {
            return Missing($"'{names.Instruction}' is missing (expected Alpaca '{names.Instruction}'/'{names.Output}', chat '{names.Messages}' or ShareGPT '{names.Conversations}')");
        }

        return fields.Output is null ? Missing($"'{names.Output}' is missing") : null;
    }

    private static RecordError? CompleteConversation(RecordFields fields, List<ChatMessage> messages)
    {
        var name = fields.MessagesField;
        if (messages.Count == 0)
        {
            return Missing($"'{name}' is empty");
        }

        var user = messages.FindIndex(m => m.Role == "user");
        if (user < 0)
        {
            return Missing($"'{name}' has no user message");
        }

        fields.Instruction = messages[user].Content;
        fields.Input = null;
        fields.Output = user + 1 < messages.Count && messages[user + 1].Role == "assistant" ? messages[user + 1].Content : null;
        return null;
    }

    private static RecordError Missing(string detail) => new(ReadReasons.MissingField, detail);
}
