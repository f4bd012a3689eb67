using DataForge.Models.LlamaCpp.Native;
using DataForge.Models.Torch.Inference;
using LLama.Native;

namespace DataForge.Models.LlamaCpp.Inference;

/// <summary>
/// One llama.cpp model and context on the CPU, one sequence at a time: continuation log-probabilities
/// from the logits (a log-softmax in double over every row of the output), and generation that samples
/// with DataForge's own seeded sampler. Not thread-safe: one call at a time.
/// </summary>
internal sealed class LlamaSession : IDisposable
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private static readonly LLamaSeqId Sequence = (LLamaSeqId)0;
    private readonly LLamaBatch _batch = new();
    private readonly int _batchSize;
    private readonly string _path;

    private LlamaSession(string path, SafeLlamaModelHandle model, SafeLLamaContextHandle context, int batchSize)
    {
        _path = path;
        _model = model;
        _context = context;
        _batchSize = batchSize;
        Rows = model.Vocab.Count;
    }

    /// <summary>Rows of the output: the file's token count (the embedding's rows).</summary>
    public int Rows { get; }

    /// <summary>Loads <paramref name="path"/> with a context of <paramref name="contextLength"/> positions.</summary>
    /// <exception cref="InvalidDataException">llama.cpp cannot load the file or make the context; its log is quoted.</exception>
    public static LlamaSession Open(string path, LlamaCppModelOptions options, int contextLength)
    {
        LlamaNative.EnsureLoaded();
        LlamaNative.ClearErrors();
        var modelParams = LLamaModelParams.Default();
        modelParams.n_gpu_layers = 0;
        SafeLlamaModelHandle model;
        try
        {
            model = SafeLlamaModelHandle.LoadFromFile(path, modelParams);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: llama.cpp could not load the file: {LlamaNative.RecentErrors()}", e);
        }

        var batch = Math.Min(options.BatchSize, contextLength);
        var contextParams = LLamaContextParams.Default();
        contextParams.n_ctx = (uint)contextLength;
        contextParams.n_batch = (uint)batch;
        contextParams.n_ubatch = (uint)batch;
        contextParams.n_seq_max = 1;
        contextParams.n_threads = options.Threads;
        contextParams.n_threads_batch = options.Threads;
        contextParams.llama_flash_attn_type = options.FlashAttention ? LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_ENABLED : LLamaFlashAttentionType.LLAMA_FLASH_ATTENTION_TYPE_DISABLED;
        contextParams.type_k = contextParams.type_v = options.KvCacheType == "f16" ? GGMLType.GGML_TYPE_F16 : GGMLType.GGML_TYPE_F32;
        contextParams.no_perf = true;
        try
        {
            return new LlamaSession(path, model, SafeLLamaContextHandle.Create(model, contextParams), batch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new InvalidDataException($"{path}: llama.cpp could not make a context of {contextLength} tokens: {LlamaNative.RecentErrors()}", e);
        }
    }

    /// <summary>log p(token | everything before) for each token of <paramref name="tokens"/> from position <paramref name="first"/> on (first ≥ 1).</summary>
    public double[] Score(IReadOnlyList<int> tokens, int first, CancellationToken cancellationToken)
    {
        var values = new double[Math.Max(0, tokens.Count - first)];
        if (values.Length == 0)
        {
            return values;
        }

        _context.MemoryClear(true);
        for (var start = 0; start < tokens.Count - 1; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(start + _batchSize, tokens.Count - 1); // the last token predicts nothing
            _batch.Clear();
            for (var p = start; p < end; p++)
            {
                _batch.Add(tokens[p], p, Sequence, p >= first - 1);
            }

            Decode();
            for (var p = Math.Max(start, first - 1); p < end; p++)
            {
                values[p - (first - 1)] = LogSoftmax.At(_context.GetLogitsIth(p - start), tokens[p + 1]);
            }
        }

        return values;
    }

    /// <summary>Continues <paramref name="input"/>'s prompt; <paramref name="stopTokens"/> end it (not included).</summary>
    public GenerationOutput Generate(GenerationInput input, IReadOnlySet<int> stopTokens, int validVocabulary, CancellationToken cancellationToken)
    {
        var prompt = input.Prompt;
        if (prompt.Count == 0)
        {
            throw new ArgumentException("an empty prompt has nothing to continue from", nameof(input));
        }

        var generated = new List<int>();
        if (input.MaxNewTokens <= 0)
        {
            return new GenerationOutput(generated, "length");
        }

        _context.MemoryClear(true);
        var sampler = new TokenSampler(input.Sampling, validVocabulary);
        var last = 0;
        for (var start = 0; start < prompt.Count; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _batch.Clear();
            var end = Math.Min(start + _batchSize, prompt.Count);
            for (var p = start; p < end; p++)
            {
                _batch.Add(prompt[p], p, Sequence, p == prompt.Count - 1);
            }

            Decode();
            last = end - 1 - start;
        }

        while (true)
        {
            var next = sampler.Next(_context.GetLogitsIth(last));
            if (stopTokens.Contains(next))
            {
                return new GenerationOutput(generated, "stop");
            }

            generated.Add(next);
            if (input.StopWhen?.Invoke(generated) == true)
            {
                return new GenerationOutput(generated, "stop");
            }

            if (generated.Count >= input.MaxNewTokens)
            {
                return new GenerationOutput(generated, "length");
            }

            cancellationToken.ThrowIfCancellationRequested(); // once per token
            _batch.Clear();
            _batch.Add(next, prompt.Count + generated.Count - 1, Sequence, true);
            Decode();
            last = 0;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _context.Dispose();
        _model.Dispose();
    }

    private void Decode()
    {
        var result = _context.Decode(_batch);
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"{_path}: llama.cpp could not decode a batch of {_batch.TokenCount} tokens ({result}): {LlamaNative.RecentErrors()}");
        }
    }
}
