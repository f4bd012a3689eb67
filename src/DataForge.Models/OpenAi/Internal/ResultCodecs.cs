using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>The stored forms of generation and score results.</summary>
internal static class ResultCodecs
{
    public static readonly ResultCodec<GenerationResult> Generation = new(WriteGeneration, ReadGeneration);

    public static readonly ResultCodec<ScoreResult> Score = new(WriteScore, ReadScore);

    private static void WriteGeneration(Utf8JsonWriter w, GenerationResult r)
    {
        w.WriteStartObject();
        w.WriteString("text", r.Text);
        w.WriteString("finish_reason", r.FinishReason);
        w.WriteNumber("prompt_tokens", r.PromptTokens);
        w.WriteNumber("completion_tokens", r.CompletionTokens);
        w.WriteEndObject();
    }

    private static GenerationResult ReadGeneration(JsonElement e)
        => new(e.GetProperty("text").GetString()!, e.GetProperty("finish_reason").GetString()!, e.GetProperty("prompt_tokens").GetInt32(), e.GetProperty("completion_tokens").GetInt32());

    // Tokens as [text, offset, logprob] triples; doubles round-trip exactly.
    private static void WriteScore(Utf8JsonWriter w, ScoreResult r)
    {
        w.WriteStartObject();
        w.WriteString("unscored_prefix", r.UnscoredPrefix);
        if (r.ContextTokens is { } contextTokens)
        {
            w.WriteNumber("context_tokens", contextTokens);
        }

        w.WriteStartArray("tokens");
        foreach (var token in r.Tokens)
        {
            w.WriteStartArray();
            w.WriteStringValue(token.Text);
            w.WriteNumberValue(token.Offset);
            w.WriteNumberValue(token.LogProb);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static ScoreResult ReadScore(JsonElement e)
    {
        var tokens = e.GetProperty("tokens").EnumerateArray()
            .Select(t => new ScoredToken(t[0].GetString()!, t[1].GetInt32(), t[2].GetDouble()))
            .ToList();
        int? contextTokens = e.TryGetProperty("context_tokens", out var count) ? count.GetInt32() : null;
        return new ScoreResult(tokens, e.GetProperty("unscored_prefix").GetString()!, contextTokens);
    }
}
