using DataForge.Core.Seams;
using DataForge.Models.Tokenization;
using DataForge.Models.Torch.Inference;
using DataForge.Models.Torch.Training;

namespace DataForge.Models.Torch;

/// <summary>
/// A Hugging Face checkpoint folder as an <see cref="ILanguageModel"/>: its tokenizer, its chat
/// format and a <see cref="TorchDecoder"/>. One batch runs on the CPU at a time. Generation requests
/// of concurrent calls share batches of up to <see cref="TorchModelOptions.BatchSize"/>
/// (<see cref="GenerationQueue"/>), so records in flight decode together; scoring calls are split
/// into batches of that size in request order.
/// </summary>
public sealed partial class TorchLanguageModel : ITrainableModel, ITrainableModelSource
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TorchModelOptions _options;
    private readonly GenerationQueue _queue;
    private readonly HashSet<int> _stopTokens;
    private DecoderTrainer? _trainer;
    private int _maxTrainingTokens = int.MaxValue;

    private TorchLanguageModel(string folder, TorchDecoder decoder, HfTokenizer tokenizer, ChatFormatKind? format, TorchModelOptions options)
    {
        Folder = folder;
        Decoder = decoder;
        Tokenizer = tokenizer;
        Format = format;
        _options = options;
        Identity = ModelIdentity.Of(folder, options.Name ?? ModelIdentity.NameOf(folder));
        _stopTokens = [.. decoder.Config.EosTokenIds];
        _queue = new GenerationQueue(options.BatchSize, (batch, cancellationToken) => Locked(() => Decoder.Generate(batch, _stopTokens, cancellationToken: cancellationToken), cancellationToken));
        if (tokenizer.EosId is int eos)
        {
            _stopTokens.Add(eos);
        }

        foreach (var token in format is { } kind ? ChatFormat.For(kind).StopTokens : [])
        {
            if (tokenizer.IdOf(token) is int id)
            {
                _stopTokens.Add(id);
            }
        }
    }

    /// <inheritdoc/>
    public string Identity { get; }

    /// <summary><c>max_position_embeddings</c>: the most tokens of prompt and continuation together.</summary>
    public int? ContextLength => Decoder.Config.MaxPositionEmbeddings;

    /// <summary>Generation batches decoded so far and the sequences they held: requests of concurrent calls share batches.</summary>
    public (long Batches, long Sequences) GenerationBatches => _queue.Decoded;

    /// <summary>The checkpoint folder.</summary>
    public string Folder { get; }

    /// <summary>The decoder.</summary>
    public TorchDecoder Decoder { get; }

    /// <summary>The tokenizer.</summary>
    public HfTokenizer Tokenizer { get; }

    /// <summary>The chat format (null when the folder has none and none was set: chat requests are then refused).</summary>
    public ChatFormatKind? Format { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> TrainableParameters => Trainer.TrainableParameters;

    private ContextWindow Window => new(Identity, Decoder.Config.MaxPositionEmbeddings);

    private DecoderTrainer Trainer => _trainer ?? throw new InvalidOperationException($"call {nameof(StartTraining)} before training");

    /// <summary>Loads a checkpoint folder (config, safetensors, tokenizer).</summary>
    public static TorchLanguageModel Load(string folder, TorchModelOptions? options = null)
    {
        options ??= TorchModelOptions.Default;
        var tokenizer = HfTokenizer.Load(folder);
        var format = options.ChatFormat ?? (tokenizer.ChatTemplate is null ? null : ChatFormat.Detect(tokenizer.ChatTemplate));
        var decoder = TorchDecoder.Load(folder, tokenizer.VocabularySize, options.Device);
        return new TorchLanguageModel(folder, decoder, tokenizer, format, options);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        var prompts = requests.Select(PromptIds).ToList();
        Window.Check(prompts.Select(p => p.Length + 1), 0); // room for one new token at least
        var inputs = requests.Select((r, i) => new GenerationInput(prompts[i], Window.NewTokens(r.MaxTokens, prompts[i].Length), new SamplingSettings(r.Temperature, r.TopP, r.TopK, r.Seed), StopCheck(r.Stop))).ToList();
        var outputs = await _queue.GenerateAsync(inputs, cancellationToken).ConfigureAwait(false);
        return [.. requests.Select((r, i) => Finish(r, prompts[i].Length, outputs[i]))];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ScoreResult>> ScoreAsync(IReadOnlyList<ScoreRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        cancellationToken.ThrowIfCancellationRequested();
        var prepared = requests.Select(r => (Context: ContextIds(r.Context), Continuation: Tokenizer.EncodeWithOffsets(r.Continuation, allowSpecial: true))).ToList();
        Window.Check(prepared.Select(p => p.Context.Length + p.Continuation.Count), 0);
        var items = prepared.Select(p => ((IReadOnlyList<int>)p.Context, (IReadOnlyList<int>)[.. p.Continuation.Select(s => s.Id)])).ToList();
        var scores = await Locked(() => Decoder.Score(items, _options.BatchSize, cancellationToken), cancellationToken).ConfigureAwait(false);
        return [.. requests.Select((r, i) => ToResult(r.Continuation, prepared[i].Continuation, scores[i]) with { ContextTokens = prepared[i].Context.Length })];
    }

    /// <inheritdoc/>
    public void Save(string directory)
    {
        Decoder.Save(directory);
        foreach (var file in new[] { "tokenizer.json", "tokenizer_config.json", "generation_config.json", "special_tokens_map.json" })
        {
            var source = Path.Combine(Folder, file);
            if (File.Exists(source))
            {
                File.Copy(source, Path.Combine(directory, file), overwrite: true);
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _trainer?.Dispose();
        Decoder.Dispose();
        _gate.Dispose();
    }

    /// <summary>The prompt text a request becomes: the raw prompt, or the messages in the chat format with the assistant turn opened.</summary>
    public string PromptText(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Messages is null)
        {
            return request.Prompt ?? throw new ArgumentException("a request needs messages or a prompt", nameof(request));
        }

        var format = Format ?? throw new DataForge.Core.Diagnostics.DataForgeConfigException($"{Folder}: no chat template in tokenizer_config.json; set the pipeline key chat_format (chatml or llama3)");
        return ChatFormat.For(format).Render(request.Messages, addGenerationPrompt: true);
    }

    /// <summary>The number of tokens <see cref="PromptText"/> becomes, a BOS token included when the model expects one.</summary>
    public int PromptTokenCount(GenerationRequest request) => PromptIds(request).Length;

    private int[] PromptIds(GenerationRequest request) => ContextIds(PromptText(request));

    private int[] ContextIds(string text)
    {
        var ids = Tokenizer.Encode(text, allowSpecial: true);
        return Tokenizer.AddBos && Tokenizer.BosId is int bos && (ids.Length == 0 || ids[0] != bos) ? [bos, .. ids] : ids;
    }

    private Func<IReadOnlyList<int>, bool>? StopCheck(IReadOnlyList<string> stop)
        => stop.Count == 0 ? null : ids =>
        {
            var text = Tokenizer.Decode(ids, skipSpecial: true); // once per token, not once per stop string
            return stop.Any(s => text.Contains(s, StringComparison.Ordinal));
        };

    private GenerationResult Finish(GenerationRequest request, int promptTokens, GenerationOutput output)
    {
        var text = Tokenizer.Decode(output.Tokens, skipSpecial: true);
        var reason = output.FinishReason;
        foreach (var stop in request.Stop)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text[..at];
                reason = "stop";
            }
        }

        return new GenerationResult(text, reason, promptTokens, output.Tokens.Count);
    }

    private ScoreResult ToResult(string continuation, IReadOnlyList<TokenSpan> spans, double[] values)
    {
        var skipped = spans.Count - values.Length;                 // 0, or 1 when nothing precedes the first token
        var tokens = new List<ScoredToken>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var span = spans[skipped + i];
            tokens.Add(new ScoredToken(Tokenizer.Decode([span.Id]), span.Offset, values[i]));
        }

        var prefix = skipped == 0 ? "" : continuation[..(spans.Count > 1 ? spans[1].Offset : continuation.Length)];
        return new ScoreResult(tokens, prefix);
    }

    private async Task<T> Locked<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
