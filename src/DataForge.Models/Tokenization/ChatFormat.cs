using System.Text;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Models.Tokenization.Internal;

namespace DataForge.Models.Tokenization;

/// <summary>
/// Renders chat messages into the prompt text a model sees, for the two formats DataForge knows
/// (<see cref="ChatFormatKind"/>), and recognises them in a tokenizer's <c>chat_template</c> by their markers.
/// </summary>
/// <remarks>
/// ChatML: <c>&lt;|im_start|&gt;{role}\n{content}&lt;|im_end|&gt;\n</c> per message; generation prompt
/// <c>&lt;|im_start|&gt;assistant\n</c>. Llama 3: <c>&lt;|begin_of_text|&gt;</c>, then
/// <c>&lt;|start_header_id|&gt;{role}&lt;|end_header_id|&gt;\n\n{content, trimmed}&lt;|eot_id|&gt;</c> per message;
/// generation prompt <c>&lt;|start_header_id|&gt;assistant&lt;|end_header_id|&gt;\n\n</c>. Both match the
/// Hugging Face templates of Qwen2.5 (without its default system message) and Llama 3.
/// </remarks>
public sealed class ChatFormat
{
    /// <summary>The pipeline key that sets the format when a tokenizer's template is not recognised.</summary>
    public const string ConfigKey = "chat_format";

    private ChatFormat(ChatFormatKind kind, string name, string endOfTurn, IReadOnlyList<string> stopTokens, IReadOnlyList<string> specialTokens, string template)
    {
        Kind = kind;
        Name = name;
        EndOfTurn = endOfTurn;
        StopTokens = stopTokens;
        SpecialTokens = specialTokens;
        Template = template;
    }

    /// <summary>ChatML.</summary>
    public static ChatFormat ChatMl { get; } = new(
        ChatFormatKind.ChatMl, "chatml", "<|im_end|>", ["<|im_end|>", "<|endoftext|>"], ["<|endoftext|>", "<|im_start|>", "<|im_end|>"], ChatTemplates.ChatMl);

    /// <summary>Llama 3.</summary>
    public static ChatFormat Llama3 { get; } = new(
        ChatFormatKind.Llama3, "llama3", "<|eot_id|>", ["<|eot_id|>", "<|end_of_text|>"],
        ["<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"], ChatTemplates.Llama3);

    /// <summary>Which format this is.</summary>
    public ChatFormatKind Kind { get; }

    /// <summary>The value of <see cref="ConfigKey"/> that selects it: <c>chatml</c> or <c>llama3</c>.</summary>
    public string Name { get; }

    /// <summary>The marker that ends every turn (<c>&lt;|im_end|&gt;</c>, <c>&lt;|eot_id|&gt;</c>).</summary>
    public string EndOfTurn { get; }

    /// <summary>Token texts at which generation stops: the end of turn, then the end of text.</summary>
    public IReadOnlyList<string> StopTokens { get; }

    /// <summary>The special tokens the format uses (to give a newly trained tokenizer).</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>A Jinja <c>chat_template</c> that renders as this class does.</summary>
    public string Template { get; }

    /// <summary>The format of <paramref name="kind"/>.</summary>
    public static ChatFormat For(ChatFormatKind kind) => kind switch
    {
        ChatFormatKind.ChatMl => ChatMl,
        ChatFormatKind.Llama3 => Llama3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown chat format."),
    };

    /// <summary>The format named by a <see cref="ConfigKey"/> value (<c>chatml</c> or <c>llama3</c>, any case).</summary>
    public static ChatFormat Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "chatml" => ChatMl,
            "llama3" => Llama3,
            _ => throw new ArgumentException($"Unknown {ConfigKey} '{name}': expected \"chatml\" or \"llama3\".", nameof(name)),
        };
    }

    /// <summary>The format of a tokenizer's Jinja <c>chat_template</c>, recognised by its markers.</summary>
    /// <exception cref="InvalidDataException">The template is missing or not recognised; the message names <see cref="ConfigKey"/>.</exception>
    public static ChatFormatKind Detect(string? chatTemplate)
    {
        const string Fix = $"set {ConfigKey} = \"chatml\" or \"llama3\" on the model in the pipeline to choose the format explicitly";
        if (string.IsNullOrWhiteSpace(chatTemplate))
        {
            throw new InvalidDataException($"The tokenizer has no chat_template; {Fix}.");
        }

        if (chatTemplate.Contains("<|im_start|>", StringComparison.Ordinal))
        {
            return ChatFormatKind.ChatMl;
        }

        return chatTemplate.Contains("<|start_header_id|>", StringComparison.Ordinal)
            ? ChatFormatKind.Llama3
            : throw new InvalidDataException(
                $"The tokenizer's chat_template is not a format DataForge recognises (no <|im_start|> for ChatML, no <|start_header_id|> for Llama 3); {Fix}.");
    }

    /// <summary>The prompt text for <paramref name="messages"/>, ending with the assistant's header when <paramref name="addGenerationPrompt"/> is set.</summary>
    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var text = new StringBuilder(Kind == ChatFormatKind.Llama3 ? "<|begin_of_text|>" : string.Empty);
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message);
            text.Append(Header(message.Role)).Append(Body(message.Content)).Append(EndOfTurn);
            text.Append(Kind == ChatFormatKind.ChatMl ? "\n" : string.Empty);
        }

        return addGenerationPrompt ? text.Append(Header("assistant")).ToString() : text.ToString();
    }

    /// <summary>
    /// A training example: the prompt rendered with the generation prompt, and the response as the
    /// assistant's turn followed by <see cref="EndOfTurn"/>, so the model learns to stop.
    /// </summary>
    public TrainingExample RenderTraining(IReadOnlyList<ChatMessage> prompt, string response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new TrainingExample(Render(prompt, addGenerationPrompt: true), Body(response) + EndOfTurn);
    }

    private string Header(string role) => Kind == ChatFormatKind.ChatMl
        ? $"<|im_start|>{role}\n"
        : $"<|start_header_id|>{role}<|end_header_id|>\n\n";

    // Llama 3's template trims each message (Jinja's trim: whitespace at both ends).
    private string Body(string content) => Kind == ChatFormatKind.Llama3 ? content.Trim() : content;
}
