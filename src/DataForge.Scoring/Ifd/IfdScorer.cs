using System.Globalization;
using DataForge.Core.Options;
using DataForge.Core.Records;
using DataForge.Core.Seams;
using DataForge.Core.Steps;

namespace DataForge.Scoring.Ifd;

/// <summary>
/// Scores every record with IFD (Cherry_LLM) or IC-IFD (Evolution-Analysis) under a scoring model,
/// batched across records (the references score one record at a time).
/// </summary>
/// <remarks>
/// <para><b>IFD</b> (<see cref="IfdMetric.Ifd"/>, docs/algorithms.md#ifd-and-ic-ifd): the conditioned pass scores the
/// answer after the formatted prompt, the direct pass scores it after the format's answer prefix
/// (<c>### Response:</c>); IFD = s(A|Q) / s(A). With <c>max_length</c> (512) a prompt of that many
/// tokens or more is dropped (<c>prompt_too_long</c>), and both means take the same first
/// <c>max_length − prompt tokens</c> answer tokens — the reference cuts the direct pass at
/// <c>max_length − prompt tokens + 4</c>, which only approximately lines the two up. Records with
/// IFD above 1 are dropped (<c>ifd_above_one</c>), as the reference.</para>
/// <para><b>IC-IFD</b> (<see cref="IfdMetric.IcIfd"/>): <c>q</c> = instruction (+ "\n" + input),
/// one pass over <c>q + "\n" + output</c> gives both s(Q) (tokens starting inside <c>q</c>) and
/// s(A|Q) (the rest, the separator included), one pass over the output alone gives s(A);
/// IFD = s(A|Q) / s(A) and IC-IFD = IFD / s(Q). No template, no truncation, no filter by default; with
/// <c>max_length</c> a record whose <c>q + "\n" + output</c> has more tokens is dropped as <c>too_long</c>.</para>
/// <para>Context and continuation are tokenized separately (the scoring seam's definition), where the
/// references tokenize the joined text; they differ only when a token would span the junction.
/// <c>ratio = "ppl"</c> gives Superfiltering's exp(s(A|Q) − s(A)) instead (IC-IFD then divides that by s(Q)).</para>
/// <para>An edit sequence (kind <c>edit_sequence</c>) is scored on its edits as a trainer sees them, the
/// <c>&lt;|diff|&gt;</c> rendering (<see cref="TrainingText.Answer"/>), in place of its output (the final
/// program all sequences of a program share).</para>
/// <para>Output fields: <c>scores.ifd</c>, <c>scores.ic_ifd</c> (IC-IFD only), <c>meta.ifd_losses</c>
/// (JSON: conditioned, direct and instruction mean losses, answer tokens). Drop reasons:
/// <c>empty_output</c>, <c>no_instruction</c>, <c>prompt_too_long</c>, <c>no_answer_tokens</c>,
/// <c>instruction_too_short</c> (IC-IFD: no scored instruction token), <c>ifd_undefined</c> (a zero
/// direct loss), <c>ifd_above_one</c>, <c>context_too_long</c> (longer than the model's context; never
/// truncated), <c>too_long</c> (IC-IFD with <c>max_length</c>: more tokens than that; never truncated);
/// error: <c>request_rejected</c> (the model refused the record). Every length reason is a drop, never an
/// error, so over-long records do not count toward <c>run.max_error_fraction</c>.</para>
/// <para>A batched step: the engine caches each record's scores on its own and hands the records it
/// has no result for to the model in chunks of <c>batch_records</c>, one model call per chunk; a
/// record's scores are the same bits in any chunk (the backend pads each sequence to a width of its
/// own), so a pool with one new record costs that record's two forward passes.</para>
/// </remarks>
public sealed class IfdScorer : BatchedStep
{
    private readonly ILanguageModel _model;
    private readonly IfdOptions _options;

    /// <summary>Creates the step.</summary>
    public IfdScorer(ILanguageModel model, IfdOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        OptionSchema.Validate(options);
        _model = model;
        _options = options;
    }

    /// <summary>Every reason a record may be dropped for (errors included).</summary>
    public static IReadOnlyList<string> Reasons { get; } =
        ["empty_output", "no_instruction", "prompt_too_long", "no_answer_tokens", "instruction_too_short", "ifd_undefined", "ifd_above_one", "request_rejected", "context_too_long", IfdCalculator.TooLong];

    /// <summary>The <c>score-ifd</c> step type.</summary>
    public static StepDefinition Definition { get; } = StepDefinition.Create<IfdScorer, IfdOptions>(
        "score-ifd",
        "Scores every record with IFD (Cherry_LLM) or IC-IFD (Evolution-Analysis) under a scoring model, batched across records; an edit sequence is scored on its <|diff|> edit text (as a trainer sees it), not its final program.",
        new(["instruction", "input", "output", "edits"], ["scores", "meta"], Reasons),
        (options, context) => new IfdScorer(context.Model(options.Model!), options));

    /// <summary>2: an edit sequence is scored on its <c>&lt;|diff|&gt;</c> edit text (<see cref="TrainingText.Answer"/>), not its final program.</summary>
    public override int Version => 2;

    /// <inheritdoc/>
    public override StepContract Contract => Definition.Contract;

    /// <inheritdoc/>
    public override int BatchSize => _options.BatchRecords;

    /// <inheritdoc/>
    public override async ValueTask<IReadOnlyList<Outcome>> ProcessBatchAsync(IReadOnlyList<Sample> batch, StepContext context, CancellationToken cancellationToken)
        => await ScoreChunkAsync([.. batch], cancellationToken).ConfigureAwait(false);

    /// <summary>Scores records directly (benchmarks, tests): one value per record, in order.</summary>
    public async Task<IReadOnlyList<IfdValue>> ScoreAsync(IReadOnlyList<Sample> samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var values = new IfdValue[samples.Count];
        var pending = new List<int>();
        for (var i = 0; i < samples.Count; i++)
        {
            if (Precheck(samples[i]) is { } reason)
            {
                values[i] = IfdValue.Invalid(reason);
            }
            else
            {
                pending.Add(i);
            }
        }

        var requests = pending.SelectMany(i => Requests(samples[i])).ToList();
        var results = requests.Count == 0 ? [] : await _model.ScoreAsync(requests, cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < pending.Count; k++)
        {
            values[pending[k]] = Value(samples[pending[k]], results[2 * k], results[(2 * k) + 1]);
        }

        return values;
    }

    private async Task<List<Outcome>> ScoreChunkAsync(List<Sample> chunk, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return [];
        }

        try
        {
            var values = await ScoreAsync(chunk, cancellationToken).ConfigureAwait(false);
            return [.. chunk.Select((s, i) => Decide(s, values[i]))];
        }
        catch (ModelRequestRejectedException) when (chunk.Count > 1)
        {
            // One record the model cannot take must not cost the others their scores: score them one by one.
            var outcomes = new List<Outcome>(chunk.Count);
            foreach (var sample in chunk)
            {
                outcomes.AddRange(await ScoreChunkAsync([sample], cancellationToken).ConfigureAwait(false));
            }

            return outcomes;
        }
        catch (ModelRequestRejectedException e)
        {
            var rejected = chunk[0].WithMeta("detail", e.Message);
            return [e.Reason == ModelRequestRejectedException.ContextTooLongReason ? Outcome.Drop(rejected, e.Reason) : Outcome.Error(rejected, "request_rejected")];
        }
    }

    private Outcome Decide(Sample sample, IfdValue value)
    {
        if (!value.IsValid)
        {
            return Outcome.Drop(sample, value.Reason!);
        }

        var scored = sample.WithScore("ifd", value.Ifd).WithMetaJson("ifd_losses", LossesJson(value));
        if (_options.Metric == IfdMetric.IcIfd)
        {
            scored = scored.WithScore("ic_ifd", value.IcIfd);
        }

        return _options.DropsAboveOne && value.Ifd > 1 ? Outcome.Drop(scored, "ifd_above_one") : Outcome.Keep(scored);
    }

    private static string? Precheck(Sample sample)
    {
        if (string.IsNullOrWhiteSpace(sample.Instruction))
        {
            return "no_instruction";
        }

        return string.IsNullOrWhiteSpace(TrainingText.Answer(sample)) ? "empty_output" : null;
    }

    // Two requests per record: conditioned + direct (IFD), or instruction-and-answer + answer (IC-IFD).
    private ScoreRequest[] Requests(Sample sample)
    {
        var output = TrainingText.Answer(sample)!;
        if (_options.Metric == IfdMetric.IcIfd)
        {
            var q = IfdPromptFormat.Plain(sample.Instruction!, sample.Input);
            return [new ScoreRequest("", q + "\n" + output), new ScoreRequest("", output)];
        }

        var prompt = IfdPromptFormat.Prompt(_options.PromptFormat, sample.Instruction!, sample.Input);
        return [new ScoreRequest(prompt, output), new ScoreRequest(IfdPromptFormat.AnswerPrefix(_options.PromptFormat), output)];
    }

    private IfdValue Value(Sample sample, ScoreResult first, ScoreResult second)
        => _options.Metric == IfdMetric.IcIfd
            ? IfdCalculator.EvolutionAnalysis(first, IfdPromptFormat.Plain(sample.Instruction!, sample.Input).Length, second, _options.Ratio, _options.EffectiveMaxLength)
            : IfdCalculator.Cherry(first, second, _options.EffectiveMaxLength, _options.Ratio);

    private static string LossesJson(IfdValue value)
    {
        var instruction = double.IsNaN(value.InstructionLoss) ? "null" : value.InstructionLoss.ToString("R", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{{\"conditioned\":{value.ConditionedLoss:R},\"direct\":{value.DirectLoss:R},\"instruction\":{instruction},\"answer_tokens\":{value.AnswerTokens}}}");
    }
}
