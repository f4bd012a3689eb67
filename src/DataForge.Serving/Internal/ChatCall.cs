using System.Text;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>A parsed <c>/v1/chat/completions</c> request; <paramref name="ExplicitMaxTokens"/> when the client set the limit itself.</summary>
internal sealed record ChatCall(GenerationRequest Request, bool Stream, bool IncludeUsage, bool ExplicitMaxTokens)
{
    public static ChatCall Parse(JsonElement root, int defaultMaxTokens)
    {
        var reader = RequestReader.For(root);
        reader.RequireSingleChoice();
        if (reader.Bool("logprobs"))
        {
            throw RequestValidationException.Unsupported("logprobs", "chat log-probabilities are not served; use /v1/completions with echo and logprobs.");
        }

        var messages = Messages(reader.Required("messages"));
        var asked = reader.Int("max_completion_tokens", 1) ?? reader.Int("max_tokens", 1);
        var sampling = SamplingParameters.Read(reader);
        var request = new GenerationRequest(messages, null, asked ?? defaultMaxTokens, sampling.Temperature, sampling.TopP, sampling.TopK, sampling.Stop, sampling.Seed);
        return new ChatCall(request, reader.Bool("stream"), ReadIncludeUsage(reader), asked is not null);
    }

    /// <summary>The request with its <c>max_tokens</c> fitted to the model's context.</summary>
    public ChatCall FitTo(ContextLimit limit) => this with { Request = Request with { MaxTokens = limit.Fit(Request, ExplicitMaxTokens, "messages") } };

    private static bool ReadIncludeUsage(RequestReader reader)
        => reader.Get("stream_options") is { ValueKind: JsonValueKind.Object } options
           && options.TryGetProperty("include_usage", out var include)
           && include.ValueKind == JsonValueKind.True;

    private static List<ChatMessage> Messages(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            throw RequestValidationException.WrongType("messages", "a non-empty array");
        }

        return [.. value.EnumerateArray().Select(Message)];
    }

    private static ChatMessage Message(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
        {
            throw RequestValidationException.WrongType("messages", "objects with a string 'role'");
        }

        var content = message.TryGetProperty("content", out var c) ? Content(c) : "";
        return new ChatMessage(role.GetString()!, content);
    }

    // Content is a string, null, or an array of parts of which only text parts are understood.
    private static string Content(JsonElement content)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.String:
                return content.GetString()!;
            case JsonValueKind.Null:
                return "";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (var part in content.EnumerateArray())
                {
                    text.Append(TextPart(part));
                }

                return text.ToString();
            default:
                throw RequestValidationException.WrongType("messages", "messages whose content is a string or an array of text parts");
        }
    }

    private static string TextPart(JsonElement part)
        => part.ValueKind == JsonValueKind.Object
           && part.TryGetProperty("type", out var type) && type.ValueEquals("text")
           && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
            ? text.GetString()!
            : throw RequestValidationException.Unsupported("messages", "only text content parts are supported.");
}
