using DataForge.Models.Torch.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Batched generation: prompts left-padded to a common width (each prompt's own length rounded up
/// to a multiple of <see cref="Quantum"/>), an attention mask that hides the padding, positions
/// counted from each prompt's first real token, then one token per step for every unfinished
/// sequence — with a KV cache (default) or by recomputing the whole sequence. Finished sequences
/// leave the batch; cancellation is checked before every step.
/// </summary>
/// <remarks>
/// A sequence's numbers depend on its padded width (attention sums over every key column, masked
/// or not), never on the other rows: the rows of a forward pass do not interact on the CPU. So
/// prompts of one <see cref="PaddedWidth"/> give the same tokens alone or in any batch of that
/// width, which lets requests of different records share forward passes without their results
/// following the timing. The mask is always passed, so a batch with no padding takes the same
/// attention path as one with. The CPU matrix product gives a row the same bits only when the
/// number of rows is a multiple of its row block (4 here; 1, 2, 3 or 5 rows each round
/// differently), so each decoding step with the cache runs a multiple of <see cref="RowQuantum"/>
/// rows: filler rows (copies whose tokens are thrown away) make up the rest.
/// </remarks>
internal sealed class BatchGenerator(CausalLm model, int validVocabulary, IReadOnlySet<int> stopTokens, int padId)
{
    /// <summary>Prompt widths are multiples of this many tokens.</summary>
    public const int Quantum = 32;

    /// <summary>With the KV cache, every decoding step runs a multiple of this many rows (filler rows make up the rest).</summary>
    public const int RowQuantum = 4;

    private const float Masked = -1e30f;

    private const int Filler = -1; // the sequence index of a filler row

    /// <summary>The width a prompt of <paramref name="promptLength"/> tokens is left-padded to.</summary>
    public static int PaddedWidth(int promptLength) => Math.Max(1, (promptLength + Quantum - 1) / Quantum) * Quantum;

    public IReadOnlyList<GenerationOutput> Generate(IReadOnlyList<GenerationInput> inputs, bool useCache = true, CancellationToken cancellationToken = default)
    {
        using var noGrad = torch.no_grad();
        var count = inputs.Count;
        var samplers = inputs.Select(i => new TokenSampler(i.Sampling, validVocabulary)).ToArray();
        var generated = inputs.Select(_ => new List<int>()).ToArray();
        var logProbs = inputs.Select(_ => new List<double>()).ToArray();
        var finish = new string?[count];
        var width = inputs.Max(i => PaddedWidth(i.Prompt.Count));

        // Rows of the running batch: sequence index, full token row (left-padded), mask row.
        var active = Enumerable.Range(0, count).Where(i => inputs[i].MaxNewTokens > 0).ToList();
        foreach (var i in Enumerable.Range(0, count).Except(active))
        {
            finish[i] = "length";
        }

        var tokens = active.Select(i => Enumerable.Repeat(padId, width - inputs[i].Prompt.Count).Concat(inputs[i].Prompt).ToList()).ToList();
        var real = active.Select(i => Enumerable.Repeat(0, width - inputs[i].Prompt.Count).Concat(Enumerable.Repeat(1, inputs[i].Prompt.Count)).ToList()).ToList();
        using var cache = useCache ? new KvCache(model.Config.Layers) : null;
        var fed = 0; // tokens of each row already in the cache
        while (active.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested(); // a client that went away, a server that stops: once per token
            float[] last;
            using (var scope = torch.NewDisposeScope())
            {
                var from = useCache ? fed : 0;
                var device = model.Device;
                var ids = torch.tensor(tokens.SelectMany(r => r.Skip(from)).Select(t => (long)t).ToArray(), [active.Count, tokens[0].Count - from]).to(device);
                var positions = Positions(real, from).to(device);
                var mask = Mask(real, from).to(device);
                // Logits of the last RowQuantum positions only (the prompt's others are never read); a product of
                // a multiple of RowQuantum rows either way: B·4 here, B (a multiple of 4) at one new token.
                var hidden = model.Hidden(ids, positions, mask, cache);                     // (B, T, C)
                var tail = hidden.narrow(1, Math.Max(0, hidden.shape[1] - RowQuantum), Math.Min(hidden.shape[1], RowQuantum));
                var logits = nn.functional.linear(tail, model.HeadWeight).to(ScalarType.Float32);  // (B, ≤4, V)
                last = logits.select(1, -1).cpu().contiguous().data<float>().ToArray();         // (B, V)
                fed = tokens[0].Count;
            }

            var vocab = last.Length / active.Count;
            var keep = new List<int>();
            for (var row = 0; row < active.Count; row++)
            {
                var i = active[row];
                if (i == Filler)
                {
                    tokens[row].Add(padId);
                    real[row].Add(1);
                    continue;
                }

                var next = samplers[i].Next(last.AsSpan(row * vocab, vocab));
                if (stopTokens.Contains(next))
                {
                    finish[i] = "stop";
                    continue;
                }

                generated[i].Add(next);
                logProbs[i].Add(LogSoftmax.At(last.AsSpan(row * vocab, vocab), next));
                tokens[row].Add(next);
                real[row].Add(1);
                if (inputs[i].StopWhen?.Invoke(generated[i]) == true)
                {
                    finish[i] = "stop";
                }
                else if (generated[i].Count >= inputs[i].MaxNewTokens)
                {
                    finish[i] = "length";
                }
                else
                {
                    keep.Add(row);
                }
            }

            var rows = useCache ? Filled(keep, active) : keep;
            if (!rows.SequenceEqual(Enumerable.Range(0, active.Count)))
            {
                Shrink(rows, ref active, ref tokens, ref real, cache);
            }
        }

        return [.. Enumerable.Range(0, count).Select(i => new GenerationOutput(generated[i], finish[i] ?? "length", logProbs[i]))];
    }

    // The rows of the next step: the sequences going on, then filler rows up to a multiple of RowQuantum
    // (fillers already there first, else copies of the first row); none when no sequence goes on.
    private static List<int> Filled(List<int> keep, List<int> active)
    {
        if (keep.Count == 0)
        {
            return keep;
        }

        var rows = new List<int>(keep);
        var fillers = Enumerable.Range(0, active.Count).Where(r => active[r] == Filler).ToList();
        for (var f = 0; rows.Count % RowQuantum != 0; f++)
        {
            rows.Add(f < fillers.Count ? fillers[f] : keep[0]);
        }

        return rows;
    }

    // Keeps the given rows in that order (a row may appear twice: a copy of it becomes a filler).
    private static void Shrink(List<int> keep, ref List<int> active, ref List<List<int>> tokens, ref List<List<int>> real, KvCache? cache)
    {
        if (keep.Count > 0 && cache is not null)
        {
            using var rows = torch.tensor(keep.Select(k => (long)k).ToArray()).to(cache.Device);
            cache.Select(rows);
        }

        var (oldActive, oldTokens, oldReal) = (active, tokens, real);
        var seen = new HashSet<int>();
        active = [.. keep.Select(k => seen.Add(k) ? oldActive[k] : Filler)];
        tokens = [.. keep.Select(k => new List<int>(oldTokens[k]))];
        real = [.. keep.Select(k => new List<int>(oldReal[k]))];
    }

    // (B, T) positions of the tokens from column `from` on: real tokens before them, so padding does not shift rotary angles.
    private static Tensor Positions(List<List<int>> real, int from)
    {
        var width = real[0].Count - from;
        var values = new long[real.Count * width];
        for (var row = 0; row < real.Count; row++)
        {
            var seen = real[row].Take(from).Sum();
            for (var c = 0; c < width; c++)
            {
                values[(row * width) + c] = Math.Max(0, seen + real[row][from + c] - 1);
                seen += real[row][from + c];
            }
        }

        return torch.tensor(values, [real.Count, width]);
    }

    // (B, 1, T, S) additive mask: query column q (absolute from + q) sees key k ≤ q when k is real; a padding query sees itself only.
    private static Tensor Mask(List<List<int>> real, int from)
    {
        var total = real[0].Count;
        var width = total - from;
        var values = new float[real.Count * width * total];
        for (var row = 0; row < real.Count; row++)
        {
            for (var q = 0; q < width; q++)
            {
                var absolute = from + q;
                var offset = ((row * width) + q) * total;
                for (var k = 0; k < total; k++)
                {
                    var visible = (k <= absolute && real[row][k] == 1) || k == absolute;
                    values[offset + k] = visible ? 0f : Masked;
                }
            }
        }

        return torch.tensor(values, [real.Count, 1, width, total]);
    }
}
