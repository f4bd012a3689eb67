namespace DataForge.LintSeq.Sampling;

/// <summary>Options of the LintSeq sampler and step.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Sequences"/> (<c>s</c>) | 5 | independent edit sequences per program (every fine-tuning script of the paper uses 5; the reference CLI defaults to 1) |
/// | <see cref="IndentBiasFactor"/> | 1.0 | seed weight = indent depth × factor (the reference driver); null = uniform (the paper's description) |
/// | <see cref="MaxRounds"/> | 512 | most deletion rounds per sequence; a partial sequence is returned when reached |
/// | <see cref="KeepEmptyDiffs"/> | false | the paper repository keeps empty diffs, the pylintseq package drops them |
/// </remarks>
public sealed record LintSeqOptions
{
    private readonly int _sequences = 5;
    private readonly double? _indentBiasFactor = 1.0;
    private readonly int _maxRounds = 512;

    /// <summary>The defaults.</summary>
    public static LintSeqOptions Default { get; } = new();

    /// <summary>Sequences per program.</summary>
    public int Sequences
    {
        get => _sequences;
        init => _sequences = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(Sequences), value, "must be in 1..1000");
    }

    /// <summary>Indentation bias; null for uniform sampling.</summary>
    public double? IndentBiasFactor
    {
        get => _indentBiasFactor;
        init => _indentBiasFactor = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(IndentBiasFactor), value, "must be positive (or null for uniform)");
    }

    /// <summary>Most deletion rounds per sequence.</summary>
    public int MaxRounds
    {
        get => _maxRounds;
        init => _maxRounds = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRounds), value, "must be at least 1");
    }

    /// <summary>Keep empty diffs in the output.</summary>
    public bool KeepEmptyDiffs { get; init; }
}
