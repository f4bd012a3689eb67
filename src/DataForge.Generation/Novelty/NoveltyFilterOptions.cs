namespace DataForge.Generation.Novelty;

/// <summary>Options of <see cref="NoveltyFilter"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Threshold"/> | 0.7 | a record whose max Rouge-L F exceeds this is dropped |
/// | <see cref="Nearest"/> | 10 | how many nearest accepted records go into <c>meta.rouge_l_nearest</c> |
/// | <see cref="Field"/> | <c>instruction</c> | the compared text: <c>instruction</c> or <c>instruction+input</c> |
/// | <see cref="Stem"/> | false | Porter-stem tokens longer than three characters (rouge_score's <c>use_stemmer</c>) |
/// </remarks>
public sealed record NoveltyFilterOptions
{
    /// <summary>The <see cref="Field"/> value comparing the instruction only.</summary>
    public const string InstructionField = "instruction";

    /// <summary>The <see cref="Field"/> value comparing the instruction followed by the input.</summary>
    public const string InstructionAndInputField = "instruction+input";

    private readonly double _threshold = 0.7;
    private readonly int _nearest = 10;
    private readonly string _field = InstructionField;

    /// <summary>The largest max-F still accepted (0..1).</summary>
    public double Threshold
    {
        get => _threshold;
        init => _threshold = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "must be in 0..1");
    }

    /// <summary>Nearest accepted records recorded per record (0..100).</summary>
    public int Nearest
    {
        get => _nearest;
        init => _nearest = value is >= 0 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(Nearest), value, "must be in 0..100");
    }

    /// <summary>Which text is compared: <see cref="InstructionField"/> or <see cref="InstructionAndInputField"/>.</summary>
    public string Field
    {
        get => _field;
        init => _field = value is InstructionField or InstructionAndInputField ? value : throw new ArgumentException($"must be '{InstructionField}' or '{InstructionAndInputField}'", nameof(Field));
    }

    /// <summary>Whether tokens are Porter-stemmed before comparing (off: Self-Instruct and Ensemble-Instruct run the novelty filter without a stemmer).</summary>
    public bool Stem { get; init; }
}
