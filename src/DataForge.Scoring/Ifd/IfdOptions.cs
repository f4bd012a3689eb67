namespace DataForge.Scoring.Ifd;

/// <summary>Options of <see cref="IfdScorer"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Metric"/> | <see cref="IfdMetric.Ifd"/> | IFD (Cherry_LLM) or IC-IFD (Evolution-Analysis) |
/// | <see cref="PromptFormat"/> | alpaca | IFD's prompt format: alpaca, wiz, vicuna, none |
/// | <see cref="MaxLength"/> | 512 (IFD), 0 (IC-IFD) | tokens of prompt + answer scored; 0: no truncation |
/// | <see cref="Ratio"/> | <see cref="IfdRatio.Loss"/> | mean-loss ratio, or the perplexity ratio of Superfiltering |
/// | <see cref="DropAboveOne"/> | true (IFD), false (IC-IFD) | drop records whose IFD is above 1 |
/// | <see cref="BatchRecords"/> | 32 | records scored per model call |
/// </remarks>
public sealed record IfdOptions
{
    private readonly string _promptFormat = "alpaca";
    private readonly int? _maxLength;
    private readonly int _batchRecords = 32;

    /// <summary>The default options (IFD as Cherry_LLM).</summary>
    public static IfdOptions Default { get; } = new();

    /// <summary>The score computed.</summary>
    public IfdMetric Metric { get; init; } = IfdMetric.Ifd;

    /// <summary>IFD's prompt format (<see cref="IfdPromptFormat.Names"/>); IC-IFD uses no template.</summary>
    public string PromptFormat
    {
        get => _promptFormat;
        init => _promptFormat = IfdPromptFormat.Names.Contains(value) ? value : throw new ArgumentException($"unknown prompt format '{value}' (known: {string.Join(", ", IfdPromptFormat.Names)})", nameof(PromptFormat));
    }

    /// <summary>Tokens of prompt and answer scored (0: all); default 512 for IFD, 0 for IC-IFD.</summary>
    public int MaxLength
    {
        get => _maxLength ?? (Metric == IfdMetric.Ifd ? 512 : 0);
        init => _maxLength = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxLength), value, "must be 0 (no truncation) or more");
    }

    /// <summary>How the two answer losses become IFD.</summary>
    public IfdRatio Ratio { get; init; } = IfdRatio.Loss;

    /// <summary>Drop records with IFD above 1 (null: on for IFD, off for IC-IFD, as the references).</summary>
    public bool? DropAboveOne { get; init; }

    /// <summary>Whether IFD above 1 is dropped, after defaults.</summary>
    public bool DropsAboveOne => DropAboveOne ?? Metric == IfdMetric.Ifd;

    /// <summary>Records scored per model call (1..65536).</summary>
    public int BatchRecords
    {
        get => _batchRecords;
        init => _batchRecords = value is >= 1 and <= 65536 ? value : throw new ArgumentOutOfRangeException(nameof(BatchRecords), value, "must be in 1..65536");
    }
}
