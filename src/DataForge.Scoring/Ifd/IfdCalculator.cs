using DataForge.Core.Seams;

namespace DataForge.Scoring.Ifd;

/// <summary>IFD and IC-IFD from scored tokens (docs/algorithms.md#ifd-and-ic-ifd); pure arithmetic, no model.</summary>
public static class IfdCalculator
{
    /// <summary>The drop reason of an IC-IFD record longer than <c>max_length</c>.</summary>
    public const string TooLong = "too_long";

    /// <summary>
    /// Cherry_LLM's IFD from the conditioned pass (context = formatted prompt, continuation = answer)
    /// and the direct pass (context = the answer prefix, continuation = answer). With
    /// <paramref name="maxLength"/> above 0, the prompt must be shorter than it and both means take
    /// the same first <c>maxLength − prompt tokens</c> answer tokens.
    /// </summary>
    public static IfdValue Cherry(ScoreResult conditioned, ScoreResult direct, int maxLength, IfdRatio ratio)
    {
        ArgumentNullException.ThrowIfNull(conditioned);
        ArgumentNullException.ThrowIfNull(direct);
        var budget = int.MaxValue;
        if (maxLength > 0)
        {
            var promptTokens = conditioned.ContextTokens
                ?? throw new DataForge.Core.Diagnostics.DataForgeConfigException("the model does not report how many tokens the prompt has; set max_length = 0 to score without truncation");
            if (promptTokens >= maxLength)
            {
                return IfdValue.Invalid("prompt_too_long");
            }

            budget = maxLength - promptTokens;
        }

        var answerTokens = Math.Min(budget, conditioned.Tokens.Count);
        var directTokens = Math.Min(budget, direct.Tokens.Count);
        if (answerTokens == 0 || directTokens == 0)
        {
            return IfdValue.Invalid("no_answer_tokens");
        }

        var conditionedLoss = MeanLoss(conditioned.Tokens, 0, answerTokens);
        var directLoss = MeanLoss(direct.Tokens, 0, directTokens);
        var ifd = Combine(conditionedLoss, directLoss, ratio);
        return double.IsFinite(ifd)
            ? new IfdValue(ifd, double.NaN, conditionedLoss, directLoss, double.NaN, answerTokens, null)
            : IfdValue.Invalid("ifd_undefined");
    }

    /// <summary>
    /// Evolution-Analysis's IFD and IC-IFD from one pass over <c>q + "\n" + answer</c> (tokens
    /// starting before <paramref name="instructionLength"/> characters are the instruction's, the rest
    /// the conditioned answer's, separator included) and one pass over the answer alone. With
    /// <paramref name="maxLength"/> above 0, a record whose first pass scored more tokens than that is
    /// invalid as <c>too_long</c>: IC-IFD scores whole texts, so it drops rather than truncates.
    /// </summary>
    public static IfdValue EvolutionAnalysis(ScoreResult full, int instructionLength, ScoreResult answer, IfdRatio ratio, int maxLength = 0)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(answer);
        if (maxLength > 0 && full.Tokens.Count > maxLength)
        {
            return IfdValue.Invalid(TooLong);
        }

        var split = 0;
        while (split < full.Tokens.Count && full.Tokens[split].Offset < instructionLength)
        {
            split++;
        }

        if (split == 0)
        {
            return IfdValue.Invalid("instruction_too_short");
        }

        if (split == full.Tokens.Count || answer.Tokens.Count == 0)
        {
            return IfdValue.Invalid("no_answer_tokens");
        }

        var instructionLoss = MeanLoss(full.Tokens, 0, split);
        var conditionedLoss = MeanLoss(full.Tokens, split, full.Tokens.Count - split);
        var directLoss = MeanLoss(answer.Tokens, 0, answer.Tokens.Count);
        var ifd = Combine(conditionedLoss, directLoss, ratio);
        var icIfd = ifd / instructionLoss;
        return double.IsFinite(ifd) && double.IsFinite(icIfd)
            ? new IfdValue(ifd, icIfd, conditionedLoss, directLoss, instructionLoss, full.Tokens.Count - split, null)
            : IfdValue.Invalid("ifd_undefined");
    }

    private static double Combine(double conditioned, double direct, IfdRatio ratio)
        => ratio == IfdRatio.Loss ? conditioned / direct : Math.Exp(conditioned - direct);

    private static double MeanLoss(IReadOnlyList<ScoredToken> tokens, int start, int count)
    {
        var sum = 0.0;
        for (var i = start; i < start + count; i++)
        {
            sum -= tokens[i].LogProb;
        }

        return sum / count;
    }
}
