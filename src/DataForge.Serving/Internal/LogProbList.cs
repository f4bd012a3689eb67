using System.Text.Json;
using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>
/// The legacy completions <c>logprobs</c> object: tokens, their log-probabilities (null for an
/// unscored first token) and their character offsets in the choice's text.
/// </summary>
internal sealed class LogProbList
{
    private readonly List<string> _tokens = [];
    private readonly List<double?> _values = [];
    private readonly List<int> _offsets = [];

    public int Count => _tokens.Count;

    /// <summary>Appends a scored text that starts at <paramref name="start"/> in the choice's text; its unscored prefix becomes one token with a null log-probability.</summary>
    public void Add(ScoreResult score, int start)
    {
        if (score.UnscoredPrefix.Length > 0)
        {
            Append(score.UnscoredPrefix, null, start);
        }

        foreach (var token in score.Tokens)
        {
            Append(token.Text, token.LogProb, start + token.Offset);
        }
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteStartArray("tokens");
        _tokens.ForEach(w.WriteStringValue);
        w.WriteEndArray();
        w.WriteStartArray("token_logprobs");
        foreach (var value in _values)
        {
            if (value is { } v)
            {
                w.WriteNumberValue(v);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("text_offset");
        _offsets.ForEach(w.WriteNumberValue);
        w.WriteEndArray();
        w.WriteNull("top_logprobs");
        w.WriteEndObject();
    }

    private void Append(string text, double? value, int offset)
    {
        _tokens.Add(text);
        _values.Add(value);
        _offsets.Add(offset);
    }
}
