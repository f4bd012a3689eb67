using DataForge.Core.Options;

namespace DataForge.Scoring.Ifd;

/// <summary>Options of <see cref="IfdScorer"/> (the <c>score-ifd</c> keys).</summary>
public sealed record IfdOptions
{
    /// <summary>The default options (IFD as Cherry_LLM).</summary>
    public static IfdOptions Default { get; } = new();

    /// <summary>The name of the scoring model (a <c>[models.NAME]</c> entry); steps built in code pass the model itself.</summary>
    [Option("model", "the scoring model", Kind = OptionKind.ModelRef, Required = true)] public string? Model { get; init; }

    /// <summary>The score computed.</summary>
    [Option("metric", "ifd: Cherry_LLM's IFD; ic_ifd: Evolution-Analysis's IFD and IC-IFD")] public IfdMetric Metric { get; init; } = IfdMetric.Ifd;

    /// <summary>IFD's prompt format; IC-IFD uses no template.</summary>
    [Option("prompt_format", "IFD's prompt format: alpaca, wiz, vicuna or none (IC-IFD uses no template)", Allowed = ["alpaca", "wiz", "vicuna", "none"])] public string PromptFormat { get; init; } = "alpaca";

    /// <summary>
    /// The length policy: IFD scores the first <c>max_length</c> tokens of prompt and answer (a prompt of that many
    /// or more: <c>prompt_too_long</c>); IC-IFD drops a record whose instruction and answer have more (<c>too_long</c>),
    /// never truncating. 0: no limit but the model's context (longer: <c>context_too_long</c>). Null: 512 for IFD, 0
    /// for IC-IFD (see <see cref="EffectiveMaxLength"/>). Every length reason is a drop, not an error.
    /// </summary>
    [Option("max_length", "ifd: tokens of prompt + answer scored, the answer truncated (a longer prompt: prompt_too_long); ic_ifd: a record of more tokens is dropped as too_long, never truncated; 0: no limit but the model's context (longer: context_too_long); all are drops, not errors (default 512 for ifd, 0 for ic_ifd)", Min = 0)] public int? MaxLength { get; init; }

    /// <summary>The truncation in effect, after defaults.</summary>
    public int EffectiveMaxLength => MaxLength ?? (Metric == IfdMetric.Ifd ? 512 : 0);

    /// <summary>How the two answer losses become IFD.</summary>
    [Option("ratio", "loss: s(A|Q) / s(A); ppl: exp(s(A|Q) - s(A)) (Superfiltering)")] public IfdRatio Ratio { get; init; } = IfdRatio.Loss;

    /// <summary>Drop records with IFD above 1 (null: on for IFD, off for IC-IFD, as the references).</summary>
    [Option("drop_above_one", "drop records with IFD above 1 (default: true for ifd, false for ic_ifd)")] public bool? DropAboveOne { get; init; }

    /// <summary>Whether IFD above 1 is dropped, after defaults.</summary>
    public bool DropsAboveOne => DropAboveOne ?? Metric == IfdMetric.Ifd;

    /// <summary>Records scored per model call; a record's scores never depend on it.</summary>
    [Option("batch_records", "records scored per model call", Min = 1, Max = 65536)] public int BatchRecords { get; init; } = 32;
}
