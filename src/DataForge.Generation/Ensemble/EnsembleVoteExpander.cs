using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Generation.Ensemble;

/// <summary>
/// Asks two or more further models to answer each record's task zero-shot and keeps the output
/// the ensemble agrees on (Ensemble-Instruct output ensembling, docs/algorithms.md#consensus-vote).
/// </summary>
/// <remarks>
/// Input fields: instruction, input, output (the generator's candidate, first in the vote), model
/// (its identity; <c>input</c> when absent).
/// Output fields: output and model (the winner's), votes (<see cref="EnsembleConsensusResult.ToVotesJson"/>:
/// every candidate, its model, the pairwise Rouge-L scores), and id / parent_id / root_id when the
/// output changed (the kept record is then derived from the input).
/// Drop reasons: <c>no_consensus</c> (the input, with its votes), <c>vote_minority</c> (one reject per
/// candidate that disagrees with the winner, raw = its output), <c>request_rejected</c> (a model
/// refused the request), <c>context_too_long</c> (the prompt is longer than a model's context), <c>duplicate_model</c> (error: the record's own model is in the ensemble).
/// Options: see <see cref="EnsembleVoteOptions"/>. The ensemble answers greedily, with the prompt
/// <c>instruction + "\n" + input</c> as one user message and <c>|EoS|</c> as the only stop string
/// (the reference also stops at a blank line, which cuts code).
/// The engine puts the models' identities and the options (the stem flag among them) into every cache key.
/// References: Lee et al., "Ensemble-Instruct" (arXiv 2310.13961); github.com/IBM/ensemble-instruct <c>ensemble_output.py</c>.
/// </remarks>
public sealed class EnsembleVoteExpander : ExpandStep
{
    private const string UnknownModel = "input";
    private readonly IReadOnlyList<ILanguageModel> _ensemble;
    private readonly EnsembleVoteOptions _options;

    /// <summary>Creates the step over <paramref name="ensemble"/>: at least two models with distinct identities.</summary>
    public EnsembleVoteExpander(IReadOnlyList<ILanguageModel> ensemble, EnsembleVoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        if (ensemble.Count < 2 || ensemble.Any(m => m is null))
        {
            throw new ArgumentException("the ensemble needs at least two models", nameof(ensemble));
        }

        var identities = ensemble.Select(m => m.Identity).ToList();
        if (identities.Distinct(StringComparer.Ordinal).Count() != identities.Count)
        {
            throw new ArgumentException($"the ensemble names one model twice ({string.Join(", ", identities)}): its models must be different", nameof(ensemble));
        }

        _ensemble = [.. ensemble];
        _options = options;
    }

    /// <summary>The <c>ensemble-vote</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<EnsembleVoteExpander, EnsembleVoteOptions>(
        "ensemble-vote",
        "Asks two or more further models for each record's output and keeps the one the ensemble agrees on (Ensemble-Instruct consensus).",
        new(
            ["instruction", "input", "output", "model"],
            ["id", "output", "model", "votes", "parent_id", "root_id"],
            ["no_consensus", "vote_minority", "request_rejected", "context_too_long", "duplicate_model"]),
        (options, context) => new EnsembleVoteExpander([.. options.Ensemble!.Select(context.Model)], options));

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <summary>3: generation is batch-invariant (2: the vote compares stemmed Rouge-L by default).</summary>
    public override int Version => 3;

    /// <inheritdoc/>
    public override bool Cacheable => true;

    /// <inheritdoc/>
    protected override async IAsyncEnumerable<Outcome> ExpandAsync(Sample sample, StepContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(context);
        if (_ensemble.Any(m => string.Equals(m.Identity, sample.Model, StringComparison.Ordinal)))
        {
            yield return Outcome.Error(sample, "duplicate_model", sample.Model);
            yield break;
        }

        var candidates = new List<EnsembleCandidate> { new(sample.Model ?? UnknownModel, (sample.Output ?? "").Trim()) };
        var request = Request(sample, context);
        foreach (var model in _ensemble)
        {
            var (answer, refusal) = await AnswerAsync(model, request, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                yield return Outcome.Drop(sample, refusal!, model.Identity);
                yield break;
            }

            candidates.Add(new EnsembleCandidate(model.Identity, answer.Trim()));
        }

        foreach (var outcome in Decide(sample, candidates))
        {
            yield return outcome;
        }
    }

    private List<Outcome> Decide(Sample sample, List<EnsembleCandidate> candidates)
    {
        var result = EnsembleConsensus.Decide(candidates, _options.Threshold, _options.Stem);
        var votes = result.ToVotesJson();
        if (result.Winner is not { } winner)
        {
            return [Outcome.Drop(sample with { Votes = votes }, EnsembleConsensusResult.NoConsensusReason, votes)];
        }

        var outcomes = new List<Outcome> { Outcome.Keep(Derived(sample, candidates[winner], votes)) };
        var kept = EnsembleText.Normalize(candidates[winner].Output);
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i != winner && !string.Equals(EnsembleText.Normalize(candidates[i].Output), kept, StringComparison.Ordinal))
            {
                outcomes.Add(Outcome.Drop(Derived(sample, candidates[i], votes), EnsembleConsensusResult.MinorityReason, candidates[i].Output));
            }
        }

        return outcomes;
    }

    // The record with one candidate's output: a new id (linked to the input) when the content changed.
    private static Sample Derived(Sample sample, EnsembleCandidate candidate, string votes)
    {
        var derived = sample with { Output = candidate.Output, Model = candidate.Model == UnknownModel ? sample.Model : candidate.Model, Votes = votes };
        var id = SampleId.ForContent(derived);
        return id == sample.Id ? derived : derived with { Id = id, ParentId = sample.Id, RootId = sample.RootId ?? sample.Id };
    }

    private GenerationRequest Request(Sample sample, StepContext context)
    {
        var prompt = EnsemblePrompts.ZeroShot(sample.Instruction, sample.Input);
        var seed = (ulong)context.RandomFor(sample.Id).NextInt64();
        return new GenerationRequest([new ChatMessage("user", prompt)], null, _options.MaxTokens, 0, 1, 0, [EnsembleText.EndOfSample], seed);
    }

    // The answer, or null and the refusal's reason (request_rejected, context_too_long).
    private static async Task<(string? Answer, string? Refusal)> AnswerAsync(ILanguageModel model, GenerationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var results = await model.GenerateAsync([request], cancellationToken).ConfigureAwait(false);
            return (EnsembleText.BeforeEndMarker(results[0].Text), null);
        }
        catch (ModelRequestRejectedException e)
        {
            return (null, e.Reason);
        }
    }
}
