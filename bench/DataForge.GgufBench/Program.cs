using System.Diagnostics;
using System.Globalization;
using DataForge.Models.LlamaCpp;
using DataForge.Models.LlamaCpp.Conversion;
using DataForge.Models.LlamaCpp.Inference;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Checkpoints;
using DataForge.Models.Torch.Inference;

// Decode and scoring throughput of the torch backend (TorchSharp, F32) beside llama.cpp (LLamaSharp) on
// the same random 110M-parameter checkpoint of the llama2.c shape converted to GGUF F32, Q8_0 and Q4_K_M,
// in one process, on the CPU:
//   decode tokens/s at batch 1 (greedy, 16-token prompt, N new tokens, prefill included, KV cache on);
//   scoring tokens/s of 32 sequences of 48–112 tokens (torch: 8 per forward pass; llama.cpp: one at a time).
// Usage: DataForge.GgufBench --work DIR --tokenizer DIR [--new-tokens N] [--threads N]
var list = args.ToList();
string? Arg(string name) { var i = list.IndexOf(name); return i >= 0 && i + 1 < list.Count ? list[i + 1] : null; }
var work = Arg("--work") ?? throw new ArgumentException("--work DIR is required");
var tokenizerFrom = Arg("--tokenizer") ?? throw new ArgumentException("--tokenizer DIR is required (a folder with tokenizer.json)");
var newTokens = int.Parse(Arg("--new-tokens") ?? "64", CultureInfo.InvariantCulture);
var threads = int.Parse(Arg("--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
TorchSharp.torch.set_num_threads(threads);

// The llama2.c "110M" shape: dim 768, 12 layers, 12 heads, FFN 2048, vocab 32000, tied embeddings.
var config = new DecoderConfig
{
    VocabSize = 32000, HiddenSize = 768, IntermediateSize = 2048, Layers = 12, Heads = 12, KvHeads = 12, HeadDim = 64,
    RmsNormEps = 1e-5, TieWordEmbeddings = true, MaxPositionEmbeddings = 1024,
};
var folder = Path.Combine(work, "random-110m");
if (!File.Exists(Path.Combine(folder, "model.safetensors")))
{
    using var created = TorchDecoder.Create(config, seed: 1);
    created.Save(folder);
    foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json" })
    {
        File.Copy(Path.Combine(tokenizerFrom, file), Path.Combine(folder, file), overwrite: true);
    }
}

var random = new Random(7);
var vocab = 4000; // ids the tokenizer makes; the rest of the 32000 rows are padding
int[] Prompt() => [.. Enumerable.Range(0, 16).Select(_ => random.Next(vocab))];
var prompts = Enumerable.Range(0, 4).Select(_ => Prompt()).ToList();
var items = Enumerable.Range(0, 32).Select(i => (Context: Prompt(), Continuation: Enumerable.Range(0, 32 + (i % 5 * 16)).Select(_ => random.Next(vocab)).ToArray())).ToList();
var scoredTokens = items.Sum(i => i.Context.Length + i.Continuation.Length);

Console.WriteLine($"threads: {threads}, new tokens per sequence: {newTokens}, prompt: 16 tokens; scoring: 32 sequences, {scoredTokens} tokens");
Console.WriteLine();
Console.WriteLine("| runtime | weights | file | decode b=1 | vs torch | scoring | vs torch |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");

double torchDecode, torchScore;
using (var torch = TorchDecoder.Load(folder, vocab))
{
    var empty = new HashSet<int>();
    torch.Generate([new GenerationInput(prompts[0], 4, SamplingSettings.Greedy)], empty); // warm-up
    torchDecode = Rate(() => prompts.Sum(p => torch.Generate([new GenerationInput(p, newTokens, SamplingSettings.Greedy)], empty)[0].Tokens.Count));
    torch.Score(items.Take(2).Select(i => ((IReadOnlyList<int>)i.Context, (IReadOnlyList<int>)i.Continuation)).ToList(), 2);
    torchScore = Rate(() => { torch.Score(items.Select(i => ((IReadOnlyList<int>)i.Context, (IReadOnlyList<int>)i.Continuation)).ToList(), 8); return scoredTokens; });
    Console.WriteLine($"| torch (TorchSharp) | F32 safetensors | {Megabytes(Path.Combine(folder, "model.safetensors"))} | {torchDecode:F1} tok/s | 1.00× | {torchScore:F0} tok/s | 1.00× |");
}

foreach (var type in new[] { GgufFileType.F32, GgufFileType.Q8_0, GgufFileType.Q4_K_M })
{
    var path = Path.Combine(work, $"random-110m-{type.Name()}.gguf");
    if (!File.Exists(path))
    {
        GgufConverter.Convert(folder, type, path, threads);
    }

    var options = LlamaCppModelOptions.Default with { Threads = threads };
    using var session = LlamaSession.Open(path, options, config.MaxPositionEmbeddings);
    var empty = new HashSet<int>();
    session.Generate(new GenerationInput(prompts[0], 4, SamplingSettings.Greedy), empty, vocab, CancellationToken.None); // warm-up
    var decode = Rate(() => prompts.Sum(p => session.Generate(new GenerationInput(p, newTokens, SamplingSettings.Greedy), empty, vocab, CancellationToken.None).Tokens.Count));
    var score = Rate(() => { items.ForEach(i => session.Score([.. i.Context, .. i.Continuation], i.Context.Length, CancellationToken.None)); return scoredTokens; });
    Console.WriteLine($"| llama.cpp (LLamaSharp) | {type.Name().ToUpperInvariant()} GGUF | {Megabytes(path)} | {decode:F1} tok/s | {decode / torchDecode:F2}× | {score:F0} tok/s | {score / torchScore:F2}× |");
}

Console.WriteLine();
Console.WriteLine("decode: new tokens / wall second, 4 prompts one after another (prefill included); scoring: tokens / wall second.");
Console.WriteLine("llama.cpp runs with flash attention off and an F32 KV cache (the backend's defaults).");

static double Rate(Func<int> work)
{
    var watch = Stopwatch.StartNew();
    var tokens = work();
    return tokens / watch.Elapsed.TotalSeconds;
}

static string Megabytes(string path) => string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(path).Length / 1e6:F0} MB");
