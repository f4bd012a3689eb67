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

/// <summary>
/// Ensemble-Instruct generation (docs/algorithms.md#ensemble-instruct): new instructions from
/// in-context demonstrations, per task type, then one instance (input and output) for each.
/// </summary>
/// <remarks>
/// <para>The seeds are split into with-input and output-only tasks (<see cref="EnsembleCategorizer"/>).
/// For each type, until <see cref="EnsembleInstructOptions.Instructions"/> instructions are accepted
/// (or <see cref="EnsembleInstructOptions.MaxPrompts"/> prompts are spent): <c>batch_size</c> prompts
/// go to the generator in one request, each with up to <c>machine_demonstrations</c> accepted machine
/// instructions drawn uniformly and seed instructions of the type drawn uniformly to make up the
/// type's demonstration count, shuffled, numbered, ending with the open slot. Each response is cut
/// into instructions (<see cref="EnsembleInstructionParser"/>, word and keyword filters) and each
/// instruction must pass the novelty rule against the type's seeds and accepted instructions
/// (Rouge-L F ≤ threshold, the exact index of the <c>novelty-filter</c> step). Then each accepted
/// instruction gets one instance from the type's template (batched the same way), parsed by
/// <see cref="EnsembleInstanceParser"/>, which keeps multi-line inputs and outputs whole; the
/// instance request stops at <c>|EoS|</c> only (the reference also stops at a blank line, which cuts
/// code).</para>
/// <para>Input fields: instruction, input (the category), source. Seeds are not passed on: the output
/// is the generated records only (merge the seeds back with a second input if you want them).
/// Output fields: id, instruction, input (null for output-only tasks), output, operation
/// (<c>ensemble_instruct</c>), model (the generator's identity), prompt_id (the instance template's
/// <c>id@hash</c>), source (the seeds'), meta: <c>ensemble_type</c>, <c>instruction_prompt_id</c>,
/// <c>demonstrations</c> (JSON array of the demonstrations' ids), <c>rouge_l_max</c>,
/// <c>rouge_l_nearest</c>.</para>
/// <para>Drop reasons: the instruction parser's (<c>truncated</c>, <c>too_few_words</c>, ...),
/// <c>near_duplicate</c>, <c>over_target</c> (valid, but the type already had its instructions), the
/// instance parser's (<c>missing_output</c>, <c>empty_output</c>, ...), <c>context_too_long</c> (a prompt
/// longer than the generator's context; the type stops); errors: <c>request_rejected</c>
/// (the generator refused; the type stops), <c>no_instruction</c> (a seed without instruction).
/// Every reject carries the raw model output.</para>
/// <para>Randomness: one generator per task type from (run seed, type, step); request seeds drawn
/// from it, so a run is reproducible and the whole step is cached (a rerun on the same seeds sends no
/// request).</para>
/// References: Lee et al., "Ensemble-Instruct" (arXiv 2310.13961); github.com/IBM/ensemble-instruct
/// <c>gen_instructions.py</c>, <c>gen_instances.py</c>, <c>sample_instances.py</c>.
/// </remarks>
public sealed class EnsembleInstructGenerator : BarrierStep
{
    /// <summary>The <c>operation</c> of every generated record.</summary>
    public const string Operation = "ensemble_instruct";

    private readonly ILanguageModel _generator;
    private readonly EnsembleInstructOptions _options;
    private readonly PromptTemplate _instructions;
    private readonly PromptTemplate _withInput;
    private readonly PromptTemplate _outputOnly;

    /// <summary>Creates the step.</summary>
    /// <param name="generator">The model that writes instructions and instances.</param>
    /// <param name="options">The options.</param>
    /// <param name="templates">Instruction, with-input and output-only templates (null: the built-in ones).</param>
    public EnsembleInstructGenerator(ILanguageModel generator, EnsembleInstructOptions options, EnsembleInstructTemplates? templates = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(options);
        templates ??= EnsembleInstructTemplates.BuiltIn;
        _generator = generator;
        _options = options;
        _instructions = templates.Instructions;
        _withInput = templates.WithInput;
        _outputOnly = templates.OutputOnly;
    }

    /// <inheritdoc/>
    public override StepContract Contract { get; } = new(
        ["instruction", "input", "source"],
        ["id", "instruction", "input", "output", "operation", "model", "prompt_id", "source", "meta"],
        [.. EnsembleInstructionParser.Reasons, "near_duplicate", "over_target", .. EnsembleInstanceParser.Reasons, "request_rejected", "context_too_long", "no_instruction"]);

    /// <summary>Cached as a whole: every result costs model requests.</summary>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    public override async IAsyncEnumerable<Outcome> ProcessAllAsync(Func<IAsyncEnumerable<Sample>> input, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var seeds = new List<Sample>();
        await foreach (var sample in input().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrWhiteSpace(sample.Instruction))
            {
                yield return Outcome.Error(sample.WithMeta("detail", "the seed has no instruction to show as a demonstration"), "no_instruction");
                continue;
            }

            seeds.Add(sample);
        }

        var split = EnsembleCategorizer.Split(seeds);
        foreach (var type in _options.Types)
        {
            var typeSeeds = split.Of(type);
            if (typeSeeds.Count == 0)
            {
                continue;
            }

            var run = new TypeRun(this, type, typeSeeds, context);
            await foreach (var outcome in run.RunAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }
    }

    private PromptTemplate InstanceTemplate(EnsembleTaskType type) => type == EnsembleTaskType.WithInput ? _withInput : _outputOnly;

    // One task type's generation: its seeds, its accepted pool, its novelty index, its random stream.
    private sealed class TypeRun
    {
        private readonly EnsembleInstructGenerator _step;
        private readonly EnsembleTaskType _type;
        private readonly IReadOnlyList<Sample> _seeds;
        private readonly Random _random;
        private readonly NoveltyIndex _index;
        private readonly TokenVocabulary _vocabulary = new();
        private readonly List<Sample> _accepted = [];
        private readonly string _source;

        public TypeRun(EnsembleInstructGenerator step, EnsembleTaskType type, IReadOnlyList<Sample> seeds, StepContext context)
        {
            _step = step;
            _type = type;
            _seeds = seeds;
            _random = context.RandomFor("type:" + EnsembleCategorizer.NameOf(type));
            _index = new NoveltyIndex(step._options.Nearest);
            _source = seeds[0].Source ?? "";
            foreach (var seed in seeds)
            {
                _index.Add(seed.Id, Tokens(seed.Instruction));
            }
        }

        private EnsembleInstructOptions Options => _step._options;

        public async IAsyncEnumerable<Outcome> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var sent = 0;
            var rejected = false;
            while (_accepted.Count < Options.Instructions && sent < Options.MaxPrompts && !rejected)
            {
                var prompts = Enumerable.Range(0, Math.Min(Options.BatchSize, Options.MaxPrompts - sent)).Select(_ => NextPrompt()).ToList();
                sent += prompts.Count;
                var requests = prompts.Select(p => Request(p.Text, Options.InstructionMaxTokens)).ToList();
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
            }

            foreach (var chunk in _accepted.Chunk(Options.BatchSize))
            {
                var template = _step.InstanceTemplate(_type);
                var requests = chunk.Select(s => Request(EnsemblePrompts.Instance(template, s.Instruction!), Options.InstanceMaxTokens)).ToList();
                var (results, refusal) = await GenerateAsync(requests, cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    yield return results is null
                        ? Refused(chunk[i].WithMeta("detail", "the generator refused an instance request"), refusal!)
                        : Instance(chunk[i], results[i]);
                }
            }
        }

        private (string Text, IReadOnlyList<string> Demonstrations) NextPrompt()
        {
            var machine = Draw(_accepted, Math.Min(Options.MachineDemonstrations, Options.DemonstrationsOf(_type)));
            var seeds = Draw(_seeds, Options.DemonstrationsOf(_type) - machine.Count);
            var demonstrations = machine.Concat(seeds).ToArray();
            _random.Shuffle(demonstrations);
            var text = EnsemblePrompts.Instructions(_step._instructions, [.. demonstrations.Select(d => d.Instruction!)]);
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
                candidate = candidate.WithMeta("demonstrations", IdsJson(demonstrations));
                if (!piece.IsValid)
                {
                    yield return Outcome.Drop(WithId(candidate), piece.Reason!, result.Text);
                    continue;
                }

                var tokens = Tokens(piece.Text);
                var novelty = _index.Query(tokens);
                candidate = candidate
                    .WithMeta("rouge_l_max", novelty.Max.ToString("R", CultureInfo.InvariantCulture))
                    .WithMeta("rouge_l_nearest", NoveltyFilter.NearestJson(novelty.Nearest.Take(Options.Nearest)));
                if (novelty.Max > Options.NoveltyThreshold)
                {
                    yield return Outcome.Drop(WithId(candidate), "near_duplicate", result.Text);
                }
                else if (_accepted.Count >= Options.Instructions)
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
            Operation = Operation,
            Model = _step._generator.Identity,
            PromptId = _step.InstanceTemplate(_type).PromptId,
            Source = _source.Length == 0 ? null : _source,
        }
            .WithMeta("ensemble_type", EnsembleCategorizer.NameOf(_type))
            .WithMeta("instruction_prompt_id", _step._instructions.PromptId);

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

        private int[] Tokens(string? text) => _vocabulary.Encode(RougeL.Tokenize(text, Options.Stem));

        private GenerationRequest Request(string prompt, int maxTokens)
            => new(null, prompt, maxTokens, Options.Temperature, Options.TopP, Options.TopK, [EnsembleText.EndOfSample], (ulong)_random.NextInt64());

        // A prompt longer than the generator's context is a drop; any other refusal an error.
        private static Outcome Refused(Sample sample, string reason)
            => reason == ModelRequestRejectedException.ContextTooLongReason ? Outcome.Drop(sample, reason) : Outcome.Error(sample, ModelRequestRejectedException.RequestRejected);

        private async Task<(IReadOnlyList<GenerationResult>? Results, string? Refusal)> GenerateAsync(IReadOnlyList<GenerationRequest> requests, CancellationToken cancellationToken)
        {
            try
            {
                return (await _step._generator.GenerateAsync(requests, cancellationToken).ConfigureAwait(false), null);
            }
            catch (ModelRequestRejectedException e)
            {
                return (null, e.Reason);
            }
        }
    }
}
