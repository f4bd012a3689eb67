using System.Runtime.CompilerServices;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Generation.Prompts;

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
        OptionSchema.Validate(options);
        templates ??= EnsembleInstructTemplates.BuiltIn;
        _generator = generator;
        _options = options;
        _instructions = templates.Instructions;
        _withInput = templates.WithInput;
        _outputOnly = templates.OutputOnly;
    }

    /// <summary>The <c>ensemble-instruct</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<EnsembleInstructGenerator, EnsembleInstructOptions>(
        "ensemble-instruct",
        "Ensemble-Instruct generation: new instructions from categorized in-context demonstrations (seeds plus a few machine-made), novelty-checked, each with one generated instance.",
        new(
            ["instruction", "input", "source"],
            ["id", "instruction", "input", "output", "operation", "model", "prompt_id", "source", "meta"],
            [.. EnsembleInstructionParser.Reasons, "near_duplicate", "over_target", .. EnsembleInstanceParser.Reasons, "request_rejected", "context_too_long", "no_instruction"]),
        (options, context) => new EnsembleInstructGenerator(
            context.Model(options.Generator!),
            options,
            EnsembleInstructTemplates.Load(options.Templates is { } folder ? context.ResolvePath(folder) : null)));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>Cached as a whole: every result costs model requests.</summary>
    public override bool Cacheable => true;

    /// <summary>2: generation is batch-invariant (each prompt padded to its own width).</summary>
    public override int Version => 2;

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
        foreach (var type in _options.TaskTypes())
        {
            var typeSeeds = split.Of(type);
            if (typeSeeds.Count == 0)
            {
                continue;
            }

            var run = new EnsembleTypeRun(_generator, _options, _instructions, InstanceTemplate(type), type, typeSeeds, context);
            await foreach (var outcome in run.RunAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return outcome;
            }
        }
    }

    private PromptTemplate InstanceTemplate(EnsembleTaskType type) => type == EnsembleTaskType.WithInput ? _withInput : _outputOnly;
}
