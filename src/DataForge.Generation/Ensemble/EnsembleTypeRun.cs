using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Generation.Novelty;
using DataForge.Generation.Prompts;
using DataForge.Generation.Similarity;

namespace DataForge.Generation.Ensemble;

/// <summary>One task type's generation in <see cref="EnsembleInstructGenerator"/>: its seeds, its accepted pool, its novelty index, its random stream.</summary>
internal sealed class EnsembleTypeRun
{
    private readonly ILanguageModel _generator;
    private readonly EnsembleInstructOptions _options;
    private readonly PromptTemplate _instructions;
    private readonly PromptTemplate _instance;
    private readonly EnsembleTaskType _type;
    private readonly IReadOnlyList<Sample> _seeds;
    private readonly Random _random;
    private readonly NoveltyIndex _index;
    private readonly TokenVocabulary _vocabulary = new();
    private readonly List<Sample> _accepted = [];
    private readonly string _source;
    private readonly StepContext _context;

    /// <summary>Creates the run; the type's seeds start its novelty index.</summary>
    public EnsembleTypeRun(ILanguageModel generator, EnsembleInstructOptions options, PromptTemplate instructions, PromptTemplate instance, EnsembleTaskType type, IReadOnlyList<Sample> seeds, StepContext context)
    {
        _generator = generator;
        _options = options;
        _instructions = instructions;
        _instance = instance;
        _type = type;
        _seeds = seeds;
        _random = context.RandomFor("type:" + EnsembleCategorizer.NameOf(type));
        _index = new NoveltyIndex(options.Nearest);
        _source = seeds[0].Source ?? "";
        _context = context;
        foreach (var seed in seeds)
        {
            _index.Add(seed.Id, Tokens(seed.Instruction));
        }
    }

    /// <summary>Instructions until the target or the prompt limit, then one instance each.</summary>
    public async IAsyncEnumerable<Outcome> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sent = 0;
        var rejected = false;
        while (_accepted.Count < _options.Instructions && sent < _options.PromptLimit() && !rejected)
        {
            var prompts = Enumerable.Range(0, Math.Min(_options.BatchSize, _options.PromptLimit() - sent)).Select(_ => NextPrompt()).ToList();
            sent += prompts.Count;
            var requests = prompts.Select(p => Request(p.Text, _options.InstructionMaxTokens)).ToList();
            var (results, refusal) = await GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
            if (results is null)
            {
                rejected = true;
                yield return Refused(WithId(Blank().WithMeta("detail", "the generator refused an instruction request")), refusal!);
                break;
            }

            for (var i = 0; i < results.Count; i++)
            {
                foreach (var outcome in Instructions(results[i], prompts[i].Demonstrations))
                {
                    yield return outcome;
                }
            }

            _context.Progress($"{EnsembleCategorizer.NameOf(_type)} instructions (accepted)", _accepted.Count, _options.Instructions);
        }

        var instances = 0L;

        foreach (var chunk in _accepted.Chunk(_options.BatchSize))
        {
            var template = _instance;
            var requests = chunk.Select(s => Request(EnsemblePrompts.Instance(template, s.Instruction!), _options.InstanceMaxTokens)).ToList();
            var (results, refusal) = await GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return results is null
                    ? Refused(chunk[i].WithMeta("detail", "the generator refused an instance request"), refusal!)
                    : Instance(chunk[i], results[i]);
            }

            instances += chunk.Length;
            _context.Progress($"{EnsembleCategorizer.NameOf(_type)} instances", instances, _accepted.Count);
        }
    }

    private (string Text, IReadOnlyList<string> Demonstrations) NextPrompt()
    {
        var machine = Draw(_accepted, Math.Min(_options.MachineDemonstrations, _options.DemonstrationsOf(_type)));
        var seeds = Draw(_seeds, _options.DemonstrationsOf(_type) - machine.Count);
        var demonstrations = machine.Concat(seeds).ToArray();
        _random.Shuffle(demonstrations);
        var text = EnsemblePrompts.Instructions(_instructions, [.. demonstrations.Select(d => d.Instruction!)]);
        return (text, [.. demonstrations.Select(d => d.Id)]);
    }

    // Up to `count` distinct items drawn uniformly (a partial Fisher-Yates over the indices).
    private List<Sample> Draw(IReadOnlyList<Sample> pool, int count)
    {
        var take = Math.Min(count, pool.Count);
        var indices = Enumerable.Range(0, pool.Count).ToArray();
        var drawn = new List<Sample>(take);
        for (var i = 0; i < take; i++)
        {
            var j = _random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
            drawn.Add(pool[indices[i]]);
        }

        return drawn;
    }

    private IEnumerable<Outcome> Instructions(GenerationResult result, IReadOnlyList<string> demonstrations)
    {
        var parsed = EnsembleInstructionParser.Parse(result.Text, result.FinishReason == "length");
        foreach (var piece in parsed)
        {
            var candidate = Blank() with { Instruction = piece.Text };
            candidate = candidate.WithMetaJson("demonstrations", IdsJson(demonstrations));
            if (!piece.IsValid)
            {
                yield return Outcome.Drop(WithId(candidate), piece.Reason!, result.Text);
                continue;
            }

            var tokens = Tokens(piece.Text);
            var novelty = _index.Query(tokens);
            candidate = candidate
                .WithMeta("rouge_l_max", novelty.Max)
                .WithMetaJson("rouge_l_nearest", NoveltyFilter.NearestJson(novelty.Nearest.Take(_options.Nearest)));
            if (novelty.Max > _options.NoveltyThreshold)
            {
                yield return Outcome.Drop(WithId(candidate), "near_duplicate", result.Text);
            }
            else if (_accepted.Count >= _options.Instructions)
            {
                yield return Outcome.Drop(WithId(candidate), "over_target", result.Text);
            }
            else
            {
                var accepted = WithId(candidate);
                _index.Add(accepted.Id, tokens);
                _accepted.Add(accepted);
            }
        }
    }

    private Outcome Instance(Sample instruction, GenerationResult result)
    {
        var parsed = EnsembleInstanceParser.Parse(result.Text, _type);
        if (!parsed.IsValid)
        {
            return Outcome.Drop(instruction, parsed.Reason!, result.Text);
        }

        var record = instruction with
        {
            Input = _type == EnsembleTaskType.WithInput ? parsed.Input : null,
            Output = parsed.Output,
        };
        return Outcome.Keep(WithId(record));
    }

    private Sample Blank() => new Sample
    {
        Id = "",
        Operation = EnsembleInstructGenerator.Operation,
        Model = _generator.Identity,
        PromptId = _instance.PromptId,
        Source = _source.Length == 0 ? null : _source,
    }
        .WithMeta("ensemble_type", EnsembleCategorizer.NameOf(_type))
        .WithMeta("instruction_prompt_id", _instructions.PromptId);

    private static string IdsJson(IReadOnlyList<string> ids)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Sample WithId(Sample sample) => sample with { Id = SampleId.ForContent(sample) };

    private int[] Tokens(string? text) => _vocabulary.Encode(RougeL.Tokenize(text, _options.Stem));

    private GenerationRequest Request(string prompt, int maxTokens)
        => new(null, prompt, maxTokens, _options.Temperature, _options.TopP, _options.TopK, [EnsembleText.EndOfSample], (ulong)_random.NextInt64());

    // A prompt longer than the generator's context is a drop; any other refusal an error.
    private static Outcome Refused(Sample sample, string reason)
        => reason == ModelRequestRejectedException.ContextTooLongReason ? Outcome.Drop(sample, reason) : Outcome.Error(sample, ModelRequestRejectedException.RequestRejected);

    private async Task<(IReadOnlyList<GenerationResult>? Results, string? Refusal)> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
    {
        try
        {
            return (await _generator.GenerateAsync(requests, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ModelRequestRejectedException e)
        {
            return (null, e.Reason);
        }
    }
}
