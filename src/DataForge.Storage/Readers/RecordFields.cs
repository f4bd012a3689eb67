using DataForge.Core.Records;

namespace DataForge.Storage.Readers;

/// <summary>The fields of one input record as parsed, before they become a <see cref="Sample"/>.</summary>
internal sealed class RecordFields
{
    public string? Instruction { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? Language { get; set; }

    /// <summary>The conversation, from <c>messages</c> (chat) or <c>conversations</c> (ShareGPT).</summary>
    public List<ChatMessage>? Messages { get; set; }

    /// <summary>The name of the field the conversation came from.</summary>
    public string? MessagesField { get; set; }

    /// <summary>The input fields no record field is read from, with their JSON text; null when there are none.</summary>
    public ExtraFields? Extra { get; set; }

    /// <summary>The first problem found; a syntax error replaces any earlier one.</summary>
    public RecordError? Error { get; private set; }

    public void Fail(string reason, string detail) => Error ??= new RecordError(reason, detail);

    public void FailSyntax(string detail) => Error = new RecordError(ReadReasons.InvalidJson, detail, IsSyntax: true);

    /// <summary>Well-formed JSON whose text cannot be decoded (a lone UTF-16 surrogate escape); replaces any earlier problem.</summary>
    public void FailUndecodable(string detail) => Error = new RecordError(ReadReasons.InvalidJson, detail);
}
