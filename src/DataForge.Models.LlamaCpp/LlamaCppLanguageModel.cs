using DataForge.Core.Seams;
using DataForge.Models.LlamaCpp.Inference;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch;
using DataForge.Models.Torch.Inference;

namespace DataForge.Models.LlamaCpp;

/// <summary>
/// A GGUF file run by llama.cpp (through LLamaSharp) on the CPU as an <see cref="ILanguageModel"/>.
/// Text becomes ids with the checkpoint's own tokenizer (stored in the file by <c>dataforge model
/// convert</c>), prompts go through the same chat formats, and tokens are picked by the same seeded
/// sampler as the <c>torch</c> backend; llama.cpp only computes logits. Requests run one at a time, in
/// request order.
/// </summary>
public sealed class LlamaCppLanguageModel : ILanguageModel, IDisposable
{
    private readonly SerialGate _gate = new();
    private readonly LlamaSession _session;
    private readonly RequestCodec _codec;
    private readonly HashSet<int> _stopTokens;

    private LlamaCppLanguageModel(string path, LlamaSession session, HfTokenizer tokenizer, ChatFormatKind? format, int contextLength, IReadOnlyList<int> eosIds, LlamaCppModelOptions options)
    {
        Path = path;
        _session = session;
        Tokenizer = tokenizer;
        Format = format;
        ContextLength = contextLength;
        Identity = ModelIdentity.OfFile(path, options.Name ?? ModelIdentity.NameOfFile(path));
        _codec = new RequestCodec(tokenizer, format, path);
        _stopTokens = _codec.StopTokens(eosIds);
    }

    /// <inheritdoc/>
    public string Identity { get; }

    /// <summary>The context llama.cpp was given: the most tokens of prompt and continuation together.</summary>
    public int? ContextLength { get; }

    /// <summary>The GGUF file.</summary>
    public string Path { get; }

    /// <summary>The tokenizer.</summary>
    public HfTokenizer Tokenizer { get; }

    /// <summary>The chat format (null when the file has none and none was set: chat requests are then refused).</summary>
    public ChatFormatKind? Format { get; }

    private ContextWindow Window => new(Identity, ContextLength ?? 0);

    /// <summary>Loads a GGUF file written by <c>dataforge model convert</c>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">The file is not one DataForge can run; the message says why.</exception>
    public static LlamaCppLanguageModel Load(string path, LlamaCppModelOptions? options = null)
    {
        options ??= LlamaCppModelOptions.Default;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such GGUF file", path);
        }

        var file = GgufModelFile.Read(path);
        var format = options.ChatFormat ?? (file.Tokenizer.ChatTemplate is null ? null : ChatFormat.Detect(file.Tokenizer.ChatTemplate));
        var context = options.ContextLength ?? file.ContextLength;
        var session = LlamaSession.Open(path, options, context);
        return new LlamaCppLanguageModel(path, session, file.Tokenizer, format, context, file.EosIds, options);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var prompts = requests.Select(_codec.PromptIds).ToList();
        Window.Check(prompts.Select(p => p.Length + 1), 0); // room for one new token at least
        var valid = Math.Min(Tokenizer.VocabularySize, _session.Rows);
        return await Locked(() => requests.Select((r, i) =>
        {
            var input = new GenerationInput(prompts[i], Window.NewTokens(r.MaxTokens, prompts[i].Length), new SamplingSettings(r.Temperature, r.TopP, r.TopK, r.Seed), _codec.StopCheck(r.Stop));
            return _codec.Finish(r, prompts[i].Length, _session.Generate(input, _stopTokens, valid, cancellationToken));
        }).ToList(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = requests.Select(r => (Context: _codec.ContextIds(r.Context), Continuation: Tokenizer.EncodeWithOffsets(r.Continuation, allowSpecial: true))).ToList();
        Window.Check(prepared.Select(p => p.Context.Length + p.Continuation.Count), 0);
        var scores = await Locked(() => prepared.Select(p =>
        {
            int[] tokens = [.. p.Context, .. p.Continuation.Select(s => s.Id)];
            return _session.Score(tokens, Math.Max(p.Context.Length, 1), cancellationToken);
        }).ToList(), cancellationToken).ConfigureAwait(false);
        return [.. requests.Select((r, i) => _codec.ToResult(r.Continuation, prepared[i].Continuation, scores[i]) with { ContextTokens = prepared[i].Context.Length })];
    }

    /// <summary>The prompt text a request becomes: the raw prompt, or the messages in the chat format with the assistant turn opened.</summary>
    public string PromptText(GenerationRequest request) => _codec.PromptText(request);

    /// <inheritdoc/>
    public void Dispose()
    {
        _session.Dispose();
        _gate.Dispose();
    }

    private Task<T> Locked<T>(Func<T> work, CancellationToken cancellationToken) => _gate.RunAsync(work, cancellationToken);
}
