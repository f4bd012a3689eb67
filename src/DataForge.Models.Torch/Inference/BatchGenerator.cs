using DataForge.Models.Torch.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch.Inference;

/// <summary>
/// Batched generation: prompts left-padded to one length, an attention mask that hides the
/// padding, positions counted from each prompt's first real token, then one token per step for
/// every unfinished sequence — with a KV cache (default) or by recomputing the whole sequence.
/// Finished sequences leave the batch; cancellation is checked before every step.
/// </summary>
internal sealed class BatchGenerator(CausalLm model, int validVocabulary, IReadOnlySet<int> stopTokens, int padId)
{
    private const float Masked = -1e30f;

    public IReadOnlyList<GenerationOutput> Generate(IReadOnlyList<GenerationInput> inputs, bool useCache = true, CancellationToken cancellationToken = default)
    {
        using var noGrad = torch.no_grad();
        var count = inputs.Count;
        var samplers = inputs.Select(i => new TokenSampler(i.Sampling, validVocabulary)).ToArray();
        var generated = inputs.Select(_ => new List<int>()).ToArray();
        var finish = new string?[count];
        var width = inputs.Max(i => i.Prompt.Count);

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
                // Without padding in any row, attention needs no mask: causal at prefill, all-seeing for one new token.
                var mask = real.Any(r => r.Contains(0)) || (from > 0 && tokens[0].Count - from > 1) ? Mask(real, from).to(device) : null;
                var logits = model.Forward(ids, positions, mask, cache);                   // (B, T, V)
                last = logits.select(1, -1).cpu().contiguous().data<float>().ToArray();         // (B, V)
                fed = tokens[0].Count;
            }

            var vocab = last.Length / active.Count;
            var keep = new List<int>();
            for (var row = 0; row < active.Count; row++)
            {
                var i = active[row];
                var next = samplers[i].Next(last.AsSpan(row * vocab, vocab));
                if (stopTokens.Contains(next))
                {
                    finish[i] = "stop";
                    continue;
                }

                generated[i].Add(next);
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

            if (keep.Count < active.Count)
            {
                Shrink(keep, ref active, ref tokens, ref real, cache);
            }
        }

        return [.. Enumerable.Range(0, count).Select(i => new GenerationOutput(generated[i], finish[i] ?? "length"))];
    }

    private static void Shrink(List<int> keep, ref List<int> active, ref List<List<int>> tokens, ref List<List<int>> real, KvCache? cache)
    {
        if (keep.Count > 0 && cache is not null)
        {
            using var rows = torch.tensor(keep.Select(k => (long)k).ToArray()).to(cache.Device);
            cache.Select(rows);
        }

        var (oldActive, oldTokens, oldReal) = (active, tokens, real);
        active = [.. keep.Select(k => oldActive[k])];
        tokens = [.. keep.Select(k => oldTokens[k])];
        real = [.. keep.Select(k => oldReal[k])];
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
