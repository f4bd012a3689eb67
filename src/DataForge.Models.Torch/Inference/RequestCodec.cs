using DataForge.Core.Diagnostics;
using DataForge.Core.Seams;
using DataForge.Models.Tokenization;

namespace DataForge.Models.Torch.Inference;

/// <summary>
/// What a local backend does around its forward passes, the same for every runtime: requests to token
/// ids (the chat format, a BOS token when the model expects one), the tokens that end a generation,
/// stop strings, finished texts, and scored tokens with their offsets.
/// </summary>
/// <param name="Tokenizer">The model's tokenizer.</param>
/// <param name="Format">The chat format; null refuses chat requests.</param>
/// <param name="Source">The model's folder or file, named in errors.</param>
internal sealed record RequestCodec(HfTokenizer Tokenizer, ChatFormatKind? Format, string Source)
{
    /// <summary>The ids that end a generation: the model's EOS ids, the tokenizer's EOS, and the chat format's stop tokens.</summary>
    public HashSet<int> StopTokens(IEnumerable<int> eosIds)
    {
        var stop = new HashSet<int>(eosIds);
        if (Tokenizer.EosId is int eos)
        {
            stop.Add(eos);
        }

        foreach (var token in Format is { } kind ? ChatFormat.For(kind).StopTokens : [])
        {
            if (Tokenizer.IdOf(token) is int id)
            {
                stop.Add(id);
            }
        }

        return stop;
    }

    /// <summary>The prompt text a request becomes: the raw prompt, or the messages in the chat format with the assistant turn opened.</summary>
    public string PromptText(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is null)
        {
            return request.Prompt ?? throw new ArgumentException("a request needs messages or a prompt", nameof(request));
        }

        var format = Format ?? throw new DataForgeConfigException($"{Source}: no chat template in the tokenizer's configuration; set the pipeline key chat_format (chatml or llama3)");
        return ChatFormat.For(format).Render(request.Messages, addGenerationPrompt: true);
    }

    /// <summary>The ids of <see cref="PromptText"/>.</summary>
    public int[] PromptIds(GenerationRequest request) => ContextIds(PromptText(request));

    /// <summary>The ids of a text the model conditions on, a BOS token first when the model expects one.</summary>
    public int[] ContextIds(string text)
    {
        var ids = Tokenizer.Encode(text, allowSpecial: true);
        return Tokenizer.AddBos && Tokenizer.BosId is int bos && (ids.Length == 0 || ids[0] != bos) ? [bos, .. ids] : ids;
    }

    /// <summary>A check that the generated ids contain one of <paramref name="stop"/>; null when there are none.</summary>
    public Func<IReadOnlyList<int>, bool>? StopCheck(IReadOnlyList<string> stop)
        => stop.Count == 0 ? null : ids =>
        {
            var text = Tokenizer.Decode(ids, skipSpecial: true); // once per token, not once per stop string
            return stop.Any(s => text.Contains(s, StringComparison.Ordinal));
        };

    /// <summary>The result of a generation: its text cut at the first stop string, and its finish reason.</summary>
    public GenerationResult Finish(GenerationRequest request, int promptTokens, GenerationOutput output)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        var text = Tokenizer.Decode(output.Tokens, skipSpecial: true);
        var reason = output.FinishReason;
        foreach (var stop in request.Stop)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
                reason = "stop";
            }
        }

        return new GenerationResult(text, reason, promptTokens, output.Tokens.Count);
    }

    /// <summary>The scored tokens of a continuation (<paramref name="values"/> may lack the first token's, which then is the unscored prefix).</summary>
    public ScoreResult ToResult(string continuation, IReadOnlyList<TokenSpan> spans, double[] values)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(values);
        var skipped = spans.Count - values.Length;                 // 0, or 1 when nothing precedes the first token
        var tokens = new List<ScoredToken>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var span = spans[skipped + i];
            tokens.Add(new ScoredToken(Tokenizer.Decode([span.Id]), span.Offset, values[i]));
        }

        var prefix = skipped == 0 ? "" : continuation[..(spans.Count > 1 ? spans[1].Offset : continuation.Length)];
        return new ScoreResult(tokens, prefix);
    }
}
