using DataForge.Core.Seams;

namespace DataForge.Serving.Internal;

/// <summary>
/// Answers a completions request with the model: generation when <c>max_tokens</c> is above 0; with
/// <c>logprobs</c>, the echoed prompt scored from the start (<c>ScoreRequest("", prompt)</c>) and the
/// completion scored after the prompt.
/// </summary>
internal static class CompletionRunner
{
    public static async Task<IReadOnlyList<CompletionChoice>> RunAsync(ILanguageModel model, CompletionCall call, CancellationToken cancellationToken)
    {
        var generated = call.MaxTokens > 0
            ? await model.GenerateAsync([.. call.Prompts.Select((_, i) => call.Generation(i))], cancellationToken).ConfigureAwait(false)
            : null;
        var logProbs = call.LogProbs ? await ScoreAsync(model, call, generated, cancellationToken).ConfigureAwait(false) : null;
        return [.. call.Prompts.Select((prompt, i) => Choice(call, prompt, generated?[i], logProbs?[i]))];
    }

    private static CompletionChoice Choice(CompletionCall call, string prompt, GenerationResult? generated, LogProbList? logProbs)
    {
        var text = (call.Echo ? prompt : "") + (generated?.Text ?? "");

        // Without generation the only token count known is that of the scored prompt.
        var promptTokens = generated?.PromptTokens ?? logProbs?.Count ?? 0;
        return new CompletionChoice(text, generated?.FinishReason ?? "length", logProbs, promptTokens, generated?.CompletionTokens ?? 0);
    }

    private static async Task<LogProbList[]> ScoreAsync(ILanguageModel model, CompletionCall call, IReadOnlyList<GenerationResult>? generated, CancellationToken cancellationToken)
    {
        var requests = new List<ScoreRequest>();
        var parts = new List<(int Prompt, int Start)>();
        for (var i = 0; i < call.Prompts.Count; i++)
        {
            var prompt = call.Prompts[i];
            if (call.Echo)
            {
                requests.Add(new ScoreRequest("", prompt));
                parts.Add((i, 0));
            }

            if (generated?[i].Text is { Length: > 0 } completion)
            {
                requests.Add(new ScoreRequest(prompt, completion));
                parts.Add((i, call.Echo ? prompt.Length : 0));
            }
        }

        var scores = requests.Count > 0 ? await model.ScoreAsync(requests, cancellationToken).ConfigureAwait(false) : [];
        var lists = call.Prompts.Select(_ => new LogProbList()).ToArray();
        for (var j = 0; j < parts.Count; j++)
        {
            lists[parts[j].Prompt].Add(scores[j], parts[j].Start);
        }

        return lists;
    }
}
