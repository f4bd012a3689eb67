using DataForge.Models.Torch;
using DataForge.Models.Torch.Checkpoints;
using DataForge.Testing;
using TorchSharp;

namespace DataForge.LlamaCpp.Tests;

/// <summary>Checkpoint folders to convert: the committed random ones, and random ones of chosen shapes written here.</summary>
internal static class Checkpoints
{
    /// <summary>A committed random checkpoint (tests/DataForge.Models.Tests/Data/Checkpoints/NAME).</summary>
    public static string Committed(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Checkpoints", name);

    /// <summary>The embedded model.</summary>
    public static string Tiny => RepoPaths.Combine("models", "tiny");

    /// <summary>
    /// Writes a random checkpoint of <paramref name="config"/> into <paramref name="folder"/> with the tokenizer
    /// of the committed checkpoint <paramref name="tokenizerFrom"/>. Every weight, norm and bias is drawn from a
    /// normal distribution (norms around 1), large enough that greedy picks are not near-ties.
    /// </summary>
    public static string Random(string folder, DecoderConfig config, string tokenizerFrom, long seed)
    {
        using (var decoder = TorchDecoder.Create(config, seed))
        {
            using var noGrad = torch.no_grad();
            var generator = new torch.Generator((ulong)seed + 1);
            foreach (var (name, parameter) in decoder.Model.named_parameters())
            {
                if (name.EndsWith("norm.weight", StringComparison.Ordinal))
                {
                    parameter.normal_(1.0, 0.1, generator);
                }
                else
                {
                    parameter.normal_(0, name.EndsWith(".bias", StringComparison.Ordinal) ? 0.5 : 0.08, generator);
                }
            }

            decoder.Save(folder);
        }

        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
        {
            File.Copy(Path.Combine(Committed(tokenizerFrom), file), Path.Combine(folder, file), overwrite: true);
        }

        return folder;
    }

    /// <summary>A Qwen2-style shape whose every matrix row is a multiple of 256 (tied embeddings, q/k/v biases, grouped KV heads).</summary>
    public static DecoderConfig Qwen2Quantizable => new()
    {
        ModelType = "qwen2", VocabSize = 320, HiddenSize = 256, IntermediateSize = 512, Layers = 2, Heads = 4, KvHeads = 2, HeadDim = 64,
        RmsNormEps = 1e-6, RopeTheta = 1000000, TieWordEmbeddings = true, AttentionBias = true, MaxPositionEmbeddings = 256, BosTokenId = 286, EosTokenIds = [288],
    };

    /// <summary>A Llama-style shape whose every matrix row is a multiple of 256 (untied, no biases, grouped KV heads).</summary>
    public static DecoderConfig LlamaQuantizable => new()
    {
        ModelType = "llama", VocabSize = 300, HiddenSize = 256, IntermediateSize = 768, Layers = 2, Heads = 4, KvHeads = 2, HeadDim = 64,
        RmsNormEps = 1e-5, RopeTheta = 10000, TieWordEmbeddings = false, AttentionBias = false, MaxPositionEmbeddings = 256, BosTokenId = 286, EosTokenIds = [286],
    };
}
