using DataForge.Models.Torch.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Batched log-probabilities of continuation tokens: each sequence is right-padded to a width that
/// depends only on its own length (the next multiple of <see cref="WidthStep"/>), sequences of one
/// width share forward passes, run with causal attention and no gradients. Right padding sits after
/// every real token and causal attention only looks back, so padding never reaches a real position.
/// Because a sequence's width never depends on the other sequences, its log-probabilities are the
/// same bits whichever records share its batch (the rows of one forward pass do not interact on the
/// CPU backend); a record scored alone in a later run equals the one scored in a full batch.
/// </summary>
internal sealed class BatchScorer(CausalLm model, int batchSize, int padId)
{
    /// <summary>Widths are multiples of this many tokens.</summary>
    public const int WidthStep = 16;

    /// <summary>For each (context, continuation): log p(continuation[j] | everything before), for every continuation token that has something before it.</summary>
    public IReadOnlyList<double[]> Score(IReadOnlyList<(IReadOnlyList<int> Context, IReadOnlyList<int> Continuation)> items, CancellationToken cancellationToken = default)
    {
        using var noGrad = torch.no_grad();
        var results = new double[items.Count][];
        var byWidth = Enumerable.Range(0, items.Count).GroupBy(i => Width(items[i])).OrderByDescending(g => g.Key);
        foreach (var group in byWidth)
        {
            foreach (var bucket in group.Order().Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScoreBucket(items, bucket, group.Key, results);
            }
        }

        return results;
    }

    private static int Width((IReadOnlyList<int> Context, IReadOnlyList<int> Continuation) item)
        => (item.Context.Count + item.Continuation.Count + WidthStep - 1) / WidthStep * WidthStep;

    private void ScoreBucket(IReadOnlyList<(IReadOnlyList<int> Context, IReadOnlyList<int> Continuation)> items, int[] bucket, int width, double[][] results)
    {
        using var scope = torch.NewDisposeScope();
        var ids = new long[bucket.Length * width];
        var targets = new long[bucket.Length * width];
        for (var row = 0; row < bucket.Length; row++)
        {
            var sequence = items[bucket[row]].Context.Concat(items[bucket[row]].Continuation).ToArray();
            for (var c = 0; c < width; c++)
            {
                ids[(row * width) + c] = c < sequence.Length ? sequence[c] : padId;
                targets[(row * width) + c] = c + 1 < sequence.Length ? sequence[c + 1] : padId;
            }
        }

        // Only the positions that predict a continuation token go through the head and the softmax:
        // with a long context (a prompt template) that is a small share of the sequence.
        var rows = new List<long>();
        var wanted = new List<long>();
        for (var row = 0; row < bucket.Length; row++)
        {
            var (context, continuation) = items[bucket[row]];
            var first = Math.Max(context.Count, 1);             // the first token overall has nothing before it
            for (var p = first; p < context.Count + continuation.Count; p++)
            {
                rows.Add((row * width) + p - 1);
                wanted.Add(targets[(row * width) + p - 1]);
            }
        }

        var logProbs = Array.Empty<double>();
        if (rows.Count > 0)
        {
            var input = torch.tensor(ids, [bucket.Length, width]).to(model.Device);
            var positions = torch.arange(width, dtype: ScalarType.Int64, device: model.Device).unsqueeze(0).expand(bucket.Length, width);
            var hidden = model.Hidden(input, positions, mask: null, cache: null);                       // (B, T, H)
            var picked = hidden.reshape(bucket.Length * width, hidden.shape[2]).index_select(0, torch.tensor(rows.ToArray()).to(model.Device)); // (N, H)
            var logits = torch.nn.functional.linear(picked, model.HeadWeight).to(ScalarType.Float32);   // (N, V)
            logProbs = nn.functional.log_softmax(logits, dim: -1)
                .gather(-1, torch.tensor(wanted.ToArray()).to(model.Device).unsqueeze(-1))
                .squeeze(-1).to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();   // (N)
        }

        var next = 0;
        for (var row = 0; row < bucket.Length; row++)
        {
            var (context, continuation) = items[bucket[row]];
            var first = Math.Max(context.Count, 1);
            var values = new double[context.Count + continuation.Count - first];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = logProbs[next++];
            }

            results[bucket[row]] = values;
        }
    }
}
