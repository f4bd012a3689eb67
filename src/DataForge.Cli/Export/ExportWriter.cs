using System.Text.Encodings.Web;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Models.Tokenization;
using DataForge.Storage.Shards;

namespace DataForge.Cli.Export;

/// <summary>Writes kept records as JSON Lines of one <see cref="ExportFormat"/>: one line per record, in the order given.</summary>
internal sealed class ExportWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly ExportFormat _format;
    private readonly ChatFormat _template;
    private readonly Utf8JsonWriter _json;

    /// <summary>Writes to <paramref name="stream"/> (not disposed here); <paramref name="template"/> renders the text format.</summary>
    public ExportWriter(Stream stream, ExportFormat format, ChatFormat template)
    {
        _stream = stream;
        _format = format;
        _template = template;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Lines written.</summary>
    public long Written { get; private set; }

    /// <summary>Records the format cannot hold (alpaca: a conversation that is not one user turn and one assistant turn).</summary>
    public long Skipped { get; private set; }

    /// <summary>Writes <paramref name="row"/> as one line, or counts it in <see cref="Skipped"/>.</summary>
    public void Write(ShardRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var written = _format switch
        {
            ExportFormat.Alpaca => WriteAlpaca(row),
            ExportFormat.ShareGpt => WriteTurns("conversations", "from", "value", TrainingConversation.Of(row), ShareGptRole),
            ExportFormat.Messages => WriteTurns("messages", "role", "content", TrainingConversation.Of(row), role => role),
            _ => WriteText(row),
        };
        if (!written)
        {
            Skipped++;
            return;
        }

        _json.Flush();
        _json.Reset();
        _stream.Write(NewLine);
        Written++;
    }

    /// <inheritdoc/>
    public void Dispose() => _json.Dispose();

    private bool WriteAlpaca(ShardRow row)
    {
        string instruction, input, output;
        if (row.Messages is { Count: > 0 } messages)
        {
            // Only one user turn answered by one assistant turn pairs without loss or guesswork.
            if (messages is not [{ Role: "user" } user, { Role: "assistant" } assistant])
            {
                return false;
            }

            (instruction, input, output) = (user.Content ?? string.Empty, string.Empty, assistant.Content ?? string.Empty);
        }
        else
        {
            (instruction, input, output) = (row.Instruction ?? string.Empty, row.Input ?? string.Empty, row.Output ?? string.Empty);
        }

        _json.WriteStartObject();
        _json.WriteString("instruction", instruction);
        _json.WriteString("input", input);
        _json.WriteString("output", output);
        _json.WriteEndObject();
        return true;
    }

    private bool WriteTurns(string field, string roleKey, string contentKey, IReadOnlyList<ChatMessage> turns, Func<string, string> role)
    {
        _json.WriteStartObject();
        _json.WriteStartArray(field);
        foreach (var turn in turns)
        {
            _json.WriteStartObject();
            _json.WriteString(roleKey, role(turn.Role));
            _json.WriteString(contentKey, turn.Content);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        return true;
    }

    private bool WriteText(ShardRow row)
    {
        _json.WriteStartObject();
        _json.WriteString("text", _template.Render(TrainingConversation.ForText(row), addGenerationPrompt: false));
        _json.WriteEndObject();
        return true;
    }

    private static string ShareGptRole(string role) => role switch
    {
        "user" => "human",
        "assistant" => "gpt",
        _ => role,
    };
}
