using DataForge.Core.Records;
using DataForge.Storage.Shards;

namespace DataForge.Cli.Export;

/// <summary>A kept record as the turns a trainer sees.</summary>
internal static class TrainingConversation
{
    /// <summary>
    /// The record's own <c>messages</c> when it has them; else a user turn (the instruction, then the
    /// input after a blank line when there is one) and an assistant turn (the output, left out when null).
    /// </summary>
    public static IReadOnlyList<ChatMessage> Of(ShardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Messages is { Count: > 0 } messages)
        {
            return [.. messages.Select(m => new ChatMessage(m.Role ?? string.Empty, m.Content ?? string.Empty))];
        }

        var turns = new List<ChatMessage>(2) { new("user", Prompt(row)) };
        if (row.Output is { } output)
        {
            turns.Add(new ChatMessage("assistant", output));
        }

        return turns;
    }

    /// <summary>
    /// The turns the text format renders: an edit sequence (kind <c>edit_sequence</c> with <c>edits</c>) is the
    /// prompt and, as the assistant's turn, the reference's <c>&lt;|diff|&gt;</c> text of its edits; any other record is <see cref="Of"/>.
    /// </summary>
    public static IReadOnlyList<ChatMessage> ForText(ShardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Kind != SampleKinds.EditSequence || row.Edits is not { } edits)
        {
            return Of(row);
        }

        return [new ChatMessage("user", Prompt(row)), new ChatMessage("assistant", TrainingText.EditsAnswer(edits))];
    }

    /// <summary>The user's turn of an instruction record: the instruction, then the input after a blank line when there is one.</summary>
    public static string Prompt(ShardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var instruction = row.Instruction ?? string.Empty;
        return string.IsNullOrEmpty(row.Input) ? instruction : $"{instruction}\n\n{row.Input}";
    }
}
