using System.Text.Json;
using DataForge.Core.Seams;
using DataForge.Core.Serialization;

namespace DataForge.Serving.Internal;

/// <summary>OpenAI-shaped response bodies. <c>created</c> is always 0 so that answers are reproducible.</summary>
internal static class ResponseBodies
{
    public static byte[] Error(string message, string type, string? param, string code) => JsonObjectBytes.Write(w =>
    {
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        w.WriteString("param", param);
        w.WriteString("code", code);
        w.WriteEndObject();
    });

    /// <summary>The one served model; <c>dataforge_identity</c> names its weights (see <see cref="ModelServer.IdentityField"/>).</summary>
    public static byte[] Models(string name, string identity) => JsonObjectBytes.Write(w =>
    {
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("id", name);
        w.WriteString("object", "model");
        w.WriteNumber("created", 0);
        w.WriteString("owned_by", "dataforge");
        w.WriteString(ModelServer.IdentityField, identity);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public static byte[] Chat(string id, string model, GenerationResult result) => JsonObjectBytes.Write(w =>
    {
        Header(w, id, "chat.completion", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("message");
        w.WriteString("role", "assistant");
        w.WriteString("content", result.Text);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", result.FinishReason);
        w.WriteEndObject();
        w.WriteEndArray();
        Usage(w, result.PromptTokens, result.CompletionTokens);
    });

    /// <summary>A streaming chunk with one choice; <paramref name="delta"/> writes the delta's members.</summary>
    public static byte[] ChatChunk(string id, string model, Action<Utf8JsonWriter> delta, string? finishReason) => JsonObjectBytes.Write(w =>
    {
        Header(w, id, "chat.completion.chunk", model);
        w.WriteStartArray("choices");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteStartObject("delta");
        delta(w);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteString("finish_reason", finishReason);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    /// <summary>The last streaming chunk when <c>stream_options.include_usage</c> is set: no choices, only usage.</summary>
    public static byte[] UsageChunk(string id, string model, GenerationResult result) => JsonObjectBytes.Write(w =>
    {
        Header(w, id, "chat.completion.chunk", model);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        Usage(w, result.PromptTokens, result.CompletionTokens);
    });

    public static byte[] Completion(string id, string model, IReadOnlyList<CompletionChoice> choices) => JsonObjectBytes.Write(w =>
    {
        Header(w, id, "text_completion", model);
        w.WriteStartArray("choices");
        for (var i = 0; i < choices.Count; i++)
        {
            WriteChoice(w, i, choices[i]);
        }

        w.WriteEndArray();
        Usage(w, choices.Sum(c => c.PromptTokens), choices.Sum(c => c.CompletionTokens));
    });

    private static void WriteChoice(Utf8JsonWriter w, int index, CompletionChoice choice)
    {
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteString("text", choice.Text);
        w.WritePropertyName("logprobs");
        if (choice.LogProbs is { } logProbs)
        {
            logProbs.Write(w);
        }
        else
        {
            w.WriteNullValue();
        }

        w.WriteString("finish_reason", choice.FinishReason);
        w.WriteEndObject();
    }

    private static void Header(Utf8JsonWriter w, string id, string type, string model)
    {
        w.WriteString("id", id);
        w.WriteString("object", type);
        w.WriteNumber("created", 0);
        w.WriteString("model", model);
    }

    private static void Usage(Utf8JsonWriter w, int promptTokens, int completionTokens)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("prompt_tokens", promptTokens);
        w.WriteNumber("completion_tokens", completionTokens);
        w.WriteNumber("total_tokens", promptTokens + completionTokens);
        w.WriteEndObject();
    }
}
