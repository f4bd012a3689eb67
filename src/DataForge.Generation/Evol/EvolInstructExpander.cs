using System.Runtime.CompilerServices;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Steps;
using DataForge.Generation.Prompts;

namespace DataForge.Generation.Evol;

/// <summary>
/// Evol-Instruct: evolves each seed instruction for M rounds with one operation per round, answers
/// each evolved instruction, and eliminates failed evolutions; a failure keeps the previous
/// instruction for the next round.
/// </summary>
/// <remarks>
/// Input fields: instruction (input, when present, is folded into it on the next line, as the
/// official driver does), language, origin. Output fields: the seed itself (root_id = its own id,
/// round = 0) and one record per successful round: instruction, output (the answer), input = null,
/// parent_id (the previous successful version), root_id (the seed), operation, round, model (the
/// evolver's identity), prompt_id (<c>template@hash</c>), source, meta (answer_model, judge_model,
/// judge_answer, evolve_seed).
/// Drop reasons: <c>evolution_empty</c>, <c>evolution_equal</c>, <c>evolution_sorry</c>,
/// <c>evolution_stopwords</c>, <c>evolution_copied_markers</c> (paper); <c>evolution_same</c>,
/// <c>evolution_too_many_lines</c>, <c>evolution_too_many_items</c>, <c>evolution_prompt_leaked</c>,
/// <c>evolution_ai_boilerplate</c>, <c>evolution_sorry</c> (h2o); <c>context_too_long</c> (a prompt longer
/// than a model's context; never truncated); errors: <c>request_rejected</c>,
/// <c>no_instruction</c>. Each failed round is one reject carrying the candidate and the raw model
/// output that failed.
/// Options: see <see cref="EvolInstructOptions"/>. The cache key holds the models' identities and
/// the templates' content (the engine's cache key), so a rerun sends no request.
/// References: Xu et al., "WizardLM: Empowering Large Language Models to Follow Complex
/// Instructions" (arXiv 2304.12244); Luo et al., "WizardCoder" (arXiv 2306.08568);
/// github.com/nlpxucan/WizardLM, github.com/h2oai/h2o-wizardlm.
/// </remarks>
public sealed class EvolInstructExpander : ExpandStep
{
    private readonly EvolInstructOptions _options;
    private readonly EvolRound _round;

    /// <summary>Creates the step.</summary>
    /// <param name="options">The options.</param>
    /// <param name="models">Evolver, answerer and judge.</param>
    /// <param name="templates">The prompt templates; one per configured operation, plus <c>equality_judge</c>.</param>
    /// <exception cref="ArgumentException">A template is missing or lacks its placeholders.</exception>
    public EvolInstructExpander(EvolInstructOptions options, EvolModels models, PromptLibrary templates)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(templates);
        OptionSchema.Validate(options);
        var operations = options.OperationList();
        var byOperation = operations.ToDictionary(op => op, op => Require(templates.Get(op), "instruction"), StringComparer.Ordinal);
        var judge = Require(Require(templates.Get(EvolOperations.EqualityJudge), "first"), "second");
        _options = options;
        _round = new EvolRound(options, operations, models, byOperation, judge);
    }

    /// <summary>The <c>evol-instruct</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<EvolInstructExpander, EvolInstructOptions>(
        "evol-instruct",
        "Evol-Instruct: M rounds of in-depth / in-breadth (or code) evolution, each evolution answered and checked by the elimination rules.",
        new(
            ["instruction"],
            ["id", "instruction", "input", "output", "parent_id", "root_id", "operation", "round", "model", "prompt_id", "source", "meta"],
            EvolReasons.All),
        (options, context) => new EvolInstructExpander(
            options,
            new EvolModels(
                context.Model(options.Evolver!),
                options.Answerer is { } answerer ? context.Model(answerer) : null,
                options.Judge is { } judge ? context.Model(judge) : null),
            PromptLibrary.Load(options.Templates is { } folder ? context.ResolvePath(folder) : null)));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>Cached: every result costs model requests.</summary>
    public override bool Cacheable => true;

    /// <summary>3 (generation became batch-invariant: rows padded to their own width): part of every cache key (the engine adds the models' identities and the templates' content).</summary>
    public override int Version => 3;

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<Outcome> ExpandAsync(Sample sample, StepContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrWhiteSpace(sample.Instruction))
        {
            yield return Outcome.Error(sample.WithMeta("detail", "the record has no instruction to evolve"), EvolReasons.NoInstruction);
            yield break;
        }

        var seed = sample with { RootId = sample.RootId ?? sample.Id, Round = sample.Round ?? 0 };
        yield return Outcome.Keep(seed);
        var current = seed;
        for (var round = 1; round <= _options.Rounds; round++)
        {
            var outcome = await _round.RunAsync(current, seed, round, context, cancellationToken).ConfigureAwait(false);
            yield return outcome;
            if (outcome.Verdict.Kept)
            {
                current = outcome.Sample;
            }
        }
    }

    private static PromptTemplate Require(PromptTemplate template, string placeholder)
        => template.Has(placeholder)
            ? template
            : throw new ArgumentException($"Prompt template '{template.Id}' has no {{{placeholder}}} placeholder.", nameof(template));
}
