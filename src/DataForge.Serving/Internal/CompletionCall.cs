using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>
/// A parsed <c>/v1/completions</c> request: one or more raw prompts; <paramref name="ExplicitMaxTokens"/>
/// when the client set the limit itself.
/// </summary>
internal sealed record CompletionCall(IReadOnlyList<string> Prompts, int MaxTokens, SamplingParameters Sampling, bool Echo, bool LogProbs, bool ExplicitMaxTokens)
{
    /// <summary>The most prompts one request may hold: one request may not keep the model for long.</summary>
    public const int MaxPrompts = 64;

    /// <summary>Each prompt's new-token limit once fitted to the context; empty before <see cref="FitTo"/>.</summary>
    public IReadOnlyList<int> Budgets { get; private init; } = [];

    public static CompletionCall Parse(JsonElement root, int defaultMaxTokens)
    {
        var reader = RequestReader.For(root);
        reader.RequireSingleChoice();
        if (reader.Bool("stream"))
        {
            throw RequestValidationException.Unsupported("stream", "streaming is served on /v1/chat/completions only.");
        }

        var prompts = ReadPrompts(reader.Required("prompt"));
        var asked = reader.Int("max_tokens", 0);

        // Legacy completions take an integer count of alternatives; the sampled token's is always given, alternatives never.
        var logProbs = reader.Int("logprobs", 0) is not null;
        return new CompletionCall(prompts, asked ?? defaultMaxTokens, SamplingParameters.Read(reader), reader.Bool("echo"), logProbs, asked is not null);
    }

    /// <summary>The call with each prompt's <c>max_tokens</c> fitted to the model's context.</summary>
    public CompletionCall FitTo(ContextLimit limit)
        => this with { Budgets = [.. Prompts.Select((p, i) => limit.Fit(Generation(i), ExplicitMaxTokens, "prompt"))] };

    /// <summary>The generation request for prompt <paramref name="index"/>.</summary>
    public GenerationRequest Generation(int index)
        => new(null, Prompts[index], Budgets.Count > 0 ? Budgets[index] : MaxTokens, Sampling.Temperature, Sampling.TopP, Sampling.TopK, Sampling.Stop, Sampling.Seed);

    private static List<string> ReadPrompts(JsonElement prompt)
    {
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return [prompt.GetString()!];
        }

        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > MaxPrompts)
        {
            throw RequestValidationException.WrongType("prompt", $"an array of at most {MaxPrompts} prompts; send the others in further requests");
        }

        if (prompt.ValueKind == JsonValueKind.Array && prompt.GetArrayLength() > 0 && prompt.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String))
        {
            return [.. prompt.EnumerateArray().Select(p => p.GetString()!)];
        }

        throw RequestValidationException.WrongType("prompt", "a string or a non-empty array of strings (token ids are not supported)");
    }
}
