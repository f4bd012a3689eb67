using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>A parsed <c>/v1/completions</c> request: one or more raw prompts.</summary>
internal sealed record CompletionCall(IReadOnlyList<string> Prompts, int MaxTokens, SamplingParameters Sampling, bool Echo, bool LogProbs)
{
    public static CompletionCall Parse(JsonElement root, int defaultMaxTokens)
    {
        var reader = RequestReader.For(root);
        reader.RequireSingleChoice();
        if (reader.Bool("stream"))
        {
            throw RequestValidationException.Unsupported("stream", "streaming is served on /v1/chat/completions only.");
        }

        var prompts = ReadPrompts(reader.Required("prompt"));
        var maxTokens = reader.Int("max_tokens", 0) ?? defaultMaxTokens;

        // Legacy completions take an integer count of alternatives; the sampled token's is always given, alternatives never.
        var logProbs = reader.Int("logprobs", 0) is not null;
        return new CompletionCall(prompts, maxTokens, SamplingParameters.Read(reader), reader.Bool("echo"), logProbs);
    }

    public GenerationRequest Generation(string prompt)
        => new(null, prompt, MaxTokens, Sampling.Temperature, Sampling.TopP, Sampling.TopK, Sampling.Stop, Sampling.Seed);

    private static List<string> ReadPrompts(JsonElement prompt)
    {
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return [prompt.GetString()!];
        }

        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 0 && prompt.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String))
        {
            return [.. prompt.EnumerateArray().Select(p => p.GetString()!)];
        }

        throw RequestValidationException.WrongType("prompt", "a string or a non-empty array of strings (token ids are not supported)");
    }
}
