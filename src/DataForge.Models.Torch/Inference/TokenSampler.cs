using DataForge.Core.Steps;

namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Picks the next token from a row of logits: greedy at temperature 0, else temperature, then
/// top-k, then top-p (the order transformers applies them), drawn from the request's own seeded
/// generator so a sequence's text does not depend on the others in its batch.
/// </summary>
internal sealed class TokenSampler(SamplingSettings settings, int validVocabulary)
{
    private readonly DeterministicRandom _random = DeterministicRandom.FromSeed(settings.Seed);

    public int Next(ReadOnlySpan<float> logits)
    {
        var n = Math.Min(validVocabulary, logits.Length);
        if (settings.Temperature <= 0)
        {
            return ArgMax(logits[..n]);
        }

        var order = new int[n];
        var scaled = new double[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            scaled[i] = logits[i] / settings.Temperature;
        }

        // Descending by logit, ties by id, so the kept set is well defined.
        Array.Sort(order, (a, b) => scaled[b] != scaled[a] ? scaled[b].CompareTo(scaled[a]) : a.CompareTo(b));
        var keep = settings.TopK > 0 ? Math.Min(settings.TopK, n) : n;
        var max = scaled[order[0]];
        var probs = new double[keep];
        double total = 0;
        for (var i = 0; i < keep; i++)
        {
            probs[i] = Math.Exp(scaled[order[i]] - max);
            total += probs[i];
        }

        if (settings.TopP is > 0 and < 1)
        {
            double cumulative = 0;
            for (var i = 0; i < keep; i++)
            {
                cumulative += probs[i] / total;
                if (cumulative >= settings.TopP)
                {
                    keep = i + 1;
                    break;
                }
            }

            total = probs.AsSpan(0, keep).ToArray().Sum();
        }

        var u = _random.NextDouble() * total;
        for (var i = 0; i < keep; i++)
        {
            u -= probs[i];
            if (u < 0)
            {
                return order[i];
            }
        }

        return order[keep - 1];
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
