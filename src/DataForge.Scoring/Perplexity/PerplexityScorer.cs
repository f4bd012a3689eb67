using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Scoring.Ifd;

namespace DataForge.Scoring.Perplexity;

/// <summary>One record's perplexity, or the reason it has none.</summary>
/// <param name="Value">exp(mean negative log-likelihood per scored token); NaN when there is none.</param>
/// <param name="Tokens">Tokens scored.</param>
/// <param name="Reason">Why there is no value (<c>empty_text</c>, <c>no_tokens</c>, <c>context_too_long</c>, <c>request_rejected</c>), or null.</param>
/// <param name="Detail">The model's message for a refused record, or null.</param>
public sealed record PerplexityValue(double Value, int Tokens, string? Reason, string? Detail = null)
{
    /// <summary>True when the record has a value.</summary>
    public bool IsValid => Reason is null;
}

/// <summary>Scores records' perplexity through the model seam, in batches (the IFD scorer's way).</summary>
public sealed class PerplexityScorer
{
    private readonly ILanguageModel _model;
    private readonly PerplexityOptions _options;

    /// <summary>Creates the scorer.</summary>
    public PerplexityScorer(ILanguageModel model, PerplexityOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        _model = model;
        _options = options;
    }

    /// <summary>The request of one record (context, scored text), or null when the scored text is empty.</summary>
    public ScoreRequest? Request(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (_options.Field == PerplexityField.Instruction)
        {
            var instruction = IfdPromptFormat.Plain(sample.Instruction ?? "", sample.Input);
            return string.IsNullOrWhiteSpace(instruction) ? null : new ScoreRequest("", instruction);
        }

        var answer = TrainingText.Answer(sample);
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        var context = _options.Conditioned && !string.IsNullOrWhiteSpace(sample.Instruction)
            ? IfdPromptFormat.Plain(sample.Instruction, sample.Input) + "\n"
            : "";
        return new ScoreRequest(context, answer);
    }

    /// <summary>One value per record, in order; a record the model refuses does not cost the others theirs.</summary>
    public async Task<IReadOnlyList<PerplexityValue>> ScoreAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var values = new PerplexityValue[samples.Count];
        var pending = new List<(int Index, ScoreRequest Request)>();
        for (var i = 0; i < samples.Count; i++)
        {
            if (Request(samples[i]) is { } request)
            {
                pending.Add((i, request));
            }
            else
            {
                values[i] = new PerplexityValue(double.NaN, 0, "empty_text");
            }
        }

        await ScorePendingAsync(pending, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    private async Task ScorePendingAsync(List<(int Index, ScoreRequest Request)> pending, PerplexityValue[] values, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return;
        }

        try
        {
            var results = await _model.ScoreAsync([.. pending.Select(p => p.Request)], cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < pending.Count; k++)
            {
                var tokens = results[k].Tokens.Count;
                values[pending[k].Index] = tokens == 0
                    ? new PerplexityValue(double.NaN, 0, "no_tokens")
                    : new PerplexityValue(Math.Exp(results[k].MeanLoss), tokens, null);
            }
        }
        catch (ModelRequestRejectedException) when (pending.Count > 1)
        {
            foreach (var one in pending)
            {
                await ScorePendingAsync([one], values, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ModelRequestRejectedException e)
        {
            values[pending[0].Index] = new PerplexityValue(double.NaN, 0, e.Reason == ModelRequestRejectedException.ContextTooLongReason ? e.Reason : "request_rejected", e.Message);
        }
    }
}
