using System.Collections.Immutable;
using System.Text.Json;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;
using DataForge.Generation.Prompts;

namespace DataForge.Generation.Evol;

/// <summary>One evolution round of one record: evolve, check, answer, check, judge.</summary>
internal sealed class EvolRound(EvolInstructOptions options, IReadOnlyList<string> operations, EvolModels models, IReadOnlyDictionary<string, PromptTemplate> templates, PromptTemplate judge)
{
    private const string SystemMessage = "You are a helpful assistant.";

    /// <summary>
    /// Evolves <paramref name="current"/> (the last successful version of <paramref name="seed"/>) in
    /// round <paramref name="round"/> (1-based). A kept outcome is the new version; a drop carries the
    /// failed candidate, its reason and the model output that failed.
    /// </summary>
    public async Task<Outcome> RunAsync(Sample current, Sample seed, int round, StepContext context, CancellationToken cancellationToken)
    {
        // One generator per (record, round): the operation draw first, then one seed per request.
        var random = context.RandomFor($"{seed.Id}/round/{round}");
        var operation = OperationSelector.Pick(operations, options.Selection, seed.Id, round, random);
        var seeds = new RequestSeeds((ulong)random.NextInt64(), (ulong)random.NextInt64(), (ulong)random.NextInt64());
        var template = templates[operation];
        var given = EvolText.GivenPrompt(current);
        var candidate = Candidate(current, seed, round, operation, template, given, seeds);
        try
        {
            return await EvolveAsync(candidate, given, template, seeds, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelRequestRejectedException e)
        {
            var rejected = WithId(candidate.WithMeta("detail", e.Message));
            return e.Reason == EvolReasons.ContextTooLong ? Outcome.Drop(rejected, e.Reason, e.Message) : Outcome.Error(rejected, EvolReasons.RequestRejected, e.Message);
        }
    }

    private async Task<Outcome> EvolveAsync(Sample candidate, string given, PromptTemplate template, RequestSeeds seeds, CancellationToken cancellationToken)
    {
        var prompt = template.Fill(new Dictionary<string, string> { ["instruction"] = given });
        var raw = await GenerateAsync(models.Evolver, prompt, options.Temperature, options.MaxTokens, seeds.Evolve, cancellationToken).ConfigureAwait(false);
        var evolved = EvolText.Clean(raw, options.Elimination);
        var record = candidate with { Instruction = evolved };
        var paper = options.Elimination == EvolElimination.Paper;
        if ((paper ? PaperRules.CheckInstruction(evolved) : H2oRules.Check(given, evolved)) is { } instructionFailure)
        {
            return Outcome.Drop(WithId(record), instructionFailure, raw);
        }

        var answer = await GenerateAsync(models.Answerer, evolved, options.Temperature, options.MaxTokens, seeds.Answer, cancellationToken).ConfigureAwait(false);
        record = record with { Output = answer };
        if (paper && PaperRules.CheckResponse(answer) is { } responseFailure)
        {
            return Outcome.Drop(WithId(record), responseFailure, answer);
        }

        if (paper)
        {
            var question = judge.Fill(new Dictionary<string, string> { ["first"] = given, ["second"] = evolved });
            var verdict = await GenerateAsync(models.Judge, question, 0, EvolInstructOptions.JudgeMaxTokens, seeds.Judge, cancellationToken).ConfigureAwait(false);
            record = record.WithMeta("judge_answer", verdict.Trim());
            if (PaperRules.JudgedEqual(verdict))
            {
                return Outcome.Drop(WithId(record), EvolReasons.Equal, verdict);
            }
        }

        return Outcome.Keep(WithId(record));
    }

    private async Task<string> GenerateAsync(ILanguageModel model, string prompt, double temperature, int maxTokens, ulong seed, CancellationToken cancellationToken)
    {
        var greedy = temperature == 0;
        var request = new GenerationRequest(
            [new ChatMessage("system", SystemMessage), new ChatMessage("user", prompt)],
            null,
            maxTokens,
            temperature,
            greedy ? 1 : options.TopP,
            greedy ? 0 : options.TopK,
            [],
            seed);
        var results = await model.GenerateAsync([request], cancellationToken).ConfigureAwait(false);
        return results[0].Text;
    }

    // The evolved record before the model calls: lineage and provenance; instruction and output follow.
    private Sample Candidate(Sample current, Sample seed, int round, string operation, PromptTemplate template, string given, RequestSeeds seeds)
    {
        var meta = ImmutableSortedDictionary<string, JsonElement>.Empty
            .Add("answer_model", MetaValue.Of(models.Answerer.Identity))
            .Add("evolve_seed", MetaValue.Of(seeds.Evolve));
        if (options.Elimination == EvolElimination.Paper)
        {
            meta = meta.SetItem("judge_model", MetaValue.Of(models.Judge.Identity));
        }

        return new Sample
        {
            Id = "",
            Kind = SampleKinds.Instruction,
            Instruction = given,
            Language = seed.Language,
            ParentId = current.Id,
            RootId = seed.RootId,
            Operation = operation,
            Round = seed.Round + round,
            Model = models.Evolver.Identity,
            PromptId = template.PromptId,
            Source = current.Source,
            Origin = seed.Origin,
            Meta = meta,
        };
    }

    private static Sample WithId(Sample record) => record with { Id = SampleId.ForContent(record) };

    private readonly record struct RequestSeeds(ulong Evolve, ulong Answer, ulong Judge);
}
