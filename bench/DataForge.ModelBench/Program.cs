using System.Diagnostics;
using System.Globalization;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Checkpoints;
using DataForge.Models.Torch.Inference;

// Decode and scoring throughput of the TorchSharp decoder, in one process, on the CPU:
//   decode tokens/s at batch 1 and 8, with and without the KV cache (greedy, fixed prompt and length);
//   scoring tokens/s of 32 sequences, batched (8 per forward pass) vs one at a time.
// Usage: DataForge.ModelBench [--tiny DIR] [--new-tokens N] [--threads N]
var args2 = args.ToList();
string? Arg(string name) { var i = args2.IndexOf(name); return i >= 0 && i + 1 < args2.Count ? args2[i + 1] : null; }
var newTokens = int.Parse(Arg("--new-tokens") ?? "64", CultureInfo.InvariantCulture);
if (Arg("--threads") is { } threads)
{
    TorchSharp.torch.set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
}

var models = new List<(string Name, Func<TorchDecoder> Load)>();
if (Arg("--tiny") is { } tiny)
{
    models.Add(("tiny (" + Path.GetFileName(Path.GetFullPath(tiny).TrimEnd('/')) + ")", () => TorchDecoder.Load(tiny)));
}

// The llama2.c "110M" shape: dim 768, 12 layers, 12 heads, FFN 2048, vocab 32000, tied embeddings.
var config110M = new DecoderConfig
{
    VocabSize = 32000, HiddenSize = 768, IntermediateSize = 2048, Layers = 12, Heads = 12, KvHeads = 12, HeadDim = 64,
    RmsNormEps = 1e-5, TieWordEmbeddings = true, MaxPositionEmbeddings = 1024,
};
models.Add(("random 110M (llama2.c shape)", () => TorchDecoder.Create(config110M, seed: 1)));

var ceilings = new List<string>();
Console.WriteLine($"threads: {TorchSharp.torch.get_num_threads()}, new tokens per sequence: {newTokens}, prompt: 16 tokens");
Console.WriteLine();
Console.WriteLine("| model | params | decode b=1 cache | decode b=1 no cache | decode b=8 cache | decode b=8 no cache | score batched (8) | score one at a time |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (name, load) in models)
{
    using var decoder = load();
    var vocab = decoder.ValidVocabulary;
    var random = new Random(7);
    int[] Prompt() => [.. Enumerable.Range(0, 16).Select(_ => random.Next(vocab))];
    List<GenerationInput> Batch(int size) => [.. Enumerable.Range(0, size).Select(_ => new GenerationInput(Prompt(), newTokens, SamplingSettings.Greedy))];

    decoder.Generate(Batch(1), new HashSet<int>()); // warm-up: libtorch kernels, JIT
    var cells = new List<string>
    {
        Decode(decoder, Batch(1), cache: true),
        Decode(decoder, Batch(1), cache: false),
        Decode(decoder, Batch(8), cache: true),
        Decode(decoder, Batch(8), cache: false),
    };
    var items = Enumerable.Range(0, 32).Select(i => ((IReadOnlyList<int>)Prompt(), (IReadOnlyList<int>)Enumerable.Range(0, 32 + (i % 5 * 16)).Select(_ => random.Next(vocab)).ToArray())).ToList();
    decoder.Score(items.Take(2).ToList(), 2);
    cells.Add(Score(decoder, items, 8));
    cells.Add(Score(decoder, items, 1));
    Console.WriteLine($"| {name} | {decoder.Config.ParameterCount / 1e6:F1}M | {string.Join(" | ", cells)} |");
    ceilings.Add($"{name}: {MatVecCeiling(decoder, newTokens):F1} tok/s");
}

Console.WriteLine();
Console.WriteLine("ceiling at batch 1 — the model's own weight matrices multiplied by one vector per token, nothing else (libtorch F32 GEMV):");
foreach (var line in ceilings)
{
    Console.WriteLine($"  {line}");
}

Console.WriteLine();
Console.WriteLine("decode: new tokens / wall second over the whole batch (prefill included); score: tokens / wall second.");

// Tokens/s if a decode step were only its matrix-vector products: every 2-D weight once per token.
static double MatVecCeiling(TorchDecoder decoder, int tokens)
{
    using var noGrad = TorchSharp.torch.no_grad();
    // Every projection plus the output head; the embedding is a row lookup, not a product.
    var weights = decoder.Model.named_parameters()
        .Where(p => p.parameter.dim() == 2 && p.name.Contains(".layers.", StringComparison.Ordinal) && !p.name.Contains("k__BackingField", StringComparison.Ordinal))
        .Select(p => (TorchSharp.torch.Tensor)p.parameter)
        .Append(decoder.Model.HeadWeight)
        .ToList();

    void Step()
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        foreach (var w in weights)
        {
            using var x = TorchSharp.torch.ones(1, w.shape[1]);
            TorchSharp.torch.nn.functional.linear(x, w).sum().item<float>();
        }
    }

    Step();
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < tokens; i++)
    {
        Step();
    }

    return tokens / watch.Elapsed.TotalSeconds;
}

static string Decode(TorchDecoder decoder, List<GenerationInput> batch, bool cache)
{
    var watch = Stopwatch.StartNew();
    var outputs = decoder.Generate(batch, new HashSet<int>(), cache);
    var tokens = outputs.Sum(o => o.Tokens.Count);
    return (tokens / watch.Elapsed.TotalSeconds).ToString("F1", CultureInfo.InvariantCulture) + " tok/s";
}

static string Score(TorchDecoder decoder, List<(IReadOnlyList<int>, IReadOnlyList<int>)> items, int batch)
{
    var watch = Stopwatch.StartNew();
    decoder.Score(items, batch);
    var tokens = items.Sum(i => i.Item1.Count + i.Item2.Count);
    return (tokens / watch.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture) + " tok/s";
}
