namespace DataForge.Generation.Ensemble;

/// <summary>Options of <see cref="EnsembleVoteExpander"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Threshold"/> | 0.01 | a Rouge-L winner is kept only when the minimum pairwise F is above this |
/// | <see cref="MaxTokens"/> | 256 | most new tokens per ensemble answer (greedy) |
/// | <see cref="Stem"/> | true | Porter-stem tokens in the consensus Rouge-L, as the reference (<c>use_stemmer=True</c>) |
/// </remarks>
public sealed record EnsembleVoteOptions
{
    private readonly double _threshold = EnsembleConsensus.DefaultThreshold;
    private readonly int _maxTokens = 256;

    /// <summary>The default options.</summary>
    public static EnsembleVoteOptions Default { get; } = new();

    /// <summary>Minimum pairwise Rouge-L F a Rouge-L winner needs to exceed (0..1).</summary>
    public double Threshold
    {
        get => _threshold;
        init => _threshold = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "must be in 0..1");
    }

    /// <summary>Most new tokens per ensemble answer (1..32768).</summary>
    public int MaxTokens
    {
        get => _maxTokens;
        init => _maxTokens = value is >= 1 and <= 32768 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTokens), value, "must be in 1..32768");
    }

    /// <summary>Whether the consensus Rouge-L Porter-stems tokens longer than three characters (the reference does).</summary>
    public bool Stem { get; init; } = true;
}
