using System.Text;
using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.Models.OpenAi.Internal;

/// <summary>
/// Turns the echoed prompt's <c>logprobs</c> into a <see cref="ScoreResult"/>: the tokens starting
/// inside the continuation (text offset at or past the context's length, before the prompt's end,
/// which drops a generated token), offsets made relative to the continuation; leading tokens with a
/// null log-probability (the prompt's first token) form the unscored prefix.
/// </summary>
internal static class ScoreParser
{
    public static ScoreResult Parse(JsonElement root, ScoreRequest request, Uri url)
    {
        var choice = JsonMembers.FirstChoice(root);
        if (!choice.TryGetProperty("logprobs", out var logprobs) || logprobs.ValueKind != JsonValueKind.Object
            || !TryArray(logprobs, "tokens", out var tokens)
            || !TryArray(logprobs, "token_logprobs", out var values)
            || !TryArray(logprobs, "text_offset", out var offsets))
        {
            throw ScoringNotSupportedException.NoLogProbs(url);
        }

        var count = tokens.GetArrayLength();
        if (values.GetArrayLength() != count || offsets.GetArrayLength() != count)
        {
            throw new InvalidDataException("The logprobs arrays differ in length.");
        }

        return Select(request, tokens, values, offsets);
    }

    private static ScoreResult Select(ScoreRequest request, JsonElement tokens, JsonElement values, JsonElement offsets)
    {
        var start = request.Context.Length;
        var end = start + request.Continuation.Length;
        var prefix = new StringBuilder();
        var scored = new List<ScoredToken>();
        var contextTokens = 0;
        for (var i = 0; i < tokens.GetArrayLength(); i++)
        {
            var offset = Offset(offsets[i]);
            if (offset < start)
            {
                contextTokens++;
                continue;
            }

            if (offset >= end)
            {
                continue;
            }

            var text = tokens[i].ValueKind == JsonValueKind.String ? tokens[i].GetString()! : throw new InvalidDataException("A token is not a string.");
            if (values[i].ValueKind == JsonValueKind.Null)
            {
                AppendUnscored(prefix, text, scored.Count);
                continue;
            }

            scored.Add(new ScoredToken(text, offset - start, Number(values[i])));
        }

        return new ScoreResult(scored, prefix.ToString(), contextTokens);
    }

    private static void AppendUnscored(StringBuilder prefix, string text, int scoredSoFar)
    {
        if (scoredSoFar > 0)
        {
            throw new InvalidDataException("A token after a scored one has no log-probability.");
        }

        prefix.Append(text);
    }

    private static int Offset(JsonElement element)
        => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var offset) ? offset : throw new InvalidDataException("A text offset is not an integer.");

    private static double Number(JsonElement element)
        => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : throw new InvalidDataException("A logprobs entry is not a number.");

    private static bool TryArray(JsonElement parent, string name, out JsonElement array)
        => parent.TryGetProperty(name, out array) && array.ValueKind == JsonValueKind.Array;
}
