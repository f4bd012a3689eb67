using DataForge.Models.Torch.Checkpoints;
using DataForge.Models.Torch.Inference;
using DataForge.Models.Torch.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace DataForge.Models.Torch;

/// <summary>
/// A Llama-family decoder loaded from a Hugging Face checkpoint folder, working on token ids:
/// logits, batched continuation log-probabilities, batched generation. Computes in float32 on
/// the CPU. Not thread-safe: one call at a time.
/// </summary>
public sealed class TorchDecoder : IDisposable
{
    private readonly int _padId;

    private TorchDecoder(DecoderConfig config, CausalLm model, int validVocabulary)
    {
        Config = config;
        Model = model;
        ValidVocabulary = Math.Min(validVocabulary, config.VocabSize);
        _padId = 0;
        model.eval();
    }

    /// <summary>The architecture.</summary>
    public DecoderConfig Config { get; }

    /// <summary>Ids a tokenizer can produce; rows beyond it (padding of the vocabulary) are never sampled.</summary>
    public int ValidVocabulary { get; }

    internal CausalLm Model { get; }

    /// <summary>Loads <c>config.json</c> and the safetensors weights of a folder.</summary>
    /// <param name="folder">The checkpoint folder.</param>
    /// <param name="validVocabulary">The tokenizer's id count (null: the config's vocab size).</param>
    /// <param name="device"><c>cpu</c> (default) or <c>cuda</c> / <c>cuda:N</c>, which needs a CUDA build of libtorch (see the README).</param>
    public static TorchDecoder Load(string folder, int? validVocabulary = null, string device = "cpu")
    {
        var config = DecoderConfig.Load(folder);
        if (device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !torch.cuda.is_available())
        {
            throw new InvalidOperationException($"device '{device}' asked for, but no CUDA device is usable: this build carries the CPU libtorch (build with -p:TorchDevice=cuda where a feed serves libtorch-cuda), or no GPU is present");
        }

        var target = torch.device(device);

        var model = DecoderCheckpoint.Load(folder, config, target);
        return new TorchDecoder(config, model, validVocabulary ?? config.VocabSize);
    }

    /// <summary>A decoder with freshly initialised weights (seeded), for training from scratch and benchmarks.</summary>
    public static TorchDecoder Create(DecoderConfig config, long seed, int? validVocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var model = new CausalLm(config);
        DecoderCheckpoint.Initialize(model, seed);
        return new TorchDecoder(config, model, validVocabulary ?? config.VocabSize);
    }

    /// <summary>Next-token logits at every position of one unpadded sequence: [T][V].</summary>
    public float[][] Logits(IReadOnlyList<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(ids.Select(i => (long)i).ToArray(), [1, ids.Count]).to(Model.Device);
        var positions = torch.arange(ids.Count, dtype: ScalarType.Int64, device: Model.Device).unsqueeze(0);
        var logits = Model.Forward(input, positions, mask: null, cache: null);   // (1, T, V)
        var flat = logits.cpu().contiguous().data<float>().ToArray();
        var vocab = Config.VocabSize;
        return [.. Enumerable.Range(0, ids.Count).Select(t => flat.AsSpan(t * vocab, vocab).ToArray())];
    }

    /// <summary>
    /// Log-probabilities of each continuation's tokens (see <see cref="BatchScorer"/>), in batches of
    /// <paramref name="batchSize"/>; <paramref name="cancellationToken"/> is checked before each batch.
    /// </summary>
    public IReadOnlyList<double[]> Score(IReadOnlyList<(IReadOnlyList<int> Context, IReadOnlyList<int> Continuation)> items, int batchSize = 8, CancellationToken cancellationToken = default)
        => new BatchScorer(Model, batchSize, _padId).Score(items, cancellationToken);

    /// <summary>
    /// Continues each prompt; <paramref name="stopTokens"/> end a sequence (not included in its tokens).
    /// <paramref name="cancellationToken"/> is checked before every token step.
    /// </summary>
    public IReadOnlyList<GenerationOutput> Generate(IReadOnlyList<GenerationInput> inputs, IReadOnlySet<int> stopTokens, bool useCache = true, CancellationToken cancellationToken = default)
        => new BatchGenerator(Model, ValidVocabulary, stopTokens, _padId).Generate(inputs, useCache, cancellationToken);

    /// <summary>Saves config and weights (LoRA merged) into a folder, as F32 or BF16.</summary>
    public void Save(string folder, bool bfloat16 = false) => DecoderCheckpoint.Save(Model, folder, bfloat16);

    /// <inheritdoc/>
    public void Dispose() => Model.Dispose();
}
