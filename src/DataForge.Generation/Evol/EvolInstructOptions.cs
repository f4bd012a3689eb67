namespace DataForge.Generation.Evol;

/// <summary>Options of <see cref="EvolInstructExpander"/>.</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Rounds"/> | 4 | evolution rounds M (the paper's value) |
/// | <see cref="Operations"/> | <see cref="EvolOperations.Default"/> | the operations drawn from (five in-depth + mutation; <see cref="EvolOperations.Code"/> for Code Evol-Instruct) |
/// | <see cref="Selection"/> | uniform | <see cref="EvolSelection.Uniform"/> or <see cref="EvolSelection.Rotation"/> |
/// | <see cref="Elimination"/> | paper | <see cref="EvolElimination.Paper"/> or <see cref="EvolElimination.H2o"/> |
/// | <see cref="Temperature"/> | 1.0 | sampling temperature of evolver and answerer (the official script) |
/// | <see cref="TopP"/> | 0.95 | nucleus mass (the official script) |
/// | <see cref="TopK"/> | 0 | top-k cut, 0 for none |
/// | <see cref="MaxTokens"/> | 2048 | most new tokens of an evolution or an answer (the official script) |
/// The judge always decodes greedily, at most <see cref="JudgeMaxTokens"/> tokens.
/// </remarks>
public sealed record EvolInstructOptions
{
    /// <summary>Most new tokens of a judge answer ("Equal" / "Not Equal").</summary>
    public const int JudgeMaxTokens = 16;

    private readonly int _rounds = 4;
    private readonly IReadOnlyList<string> _operations = EvolOperations.Default;
    private readonly double _temperature = 1.0;
    private readonly double _topP = 0.95;
    private readonly int _topK;
    private readonly int _maxTokens = 2048;

    /// <summary>The defaults.</summary>
    public static EvolInstructOptions Default { get; } = new();

    /// <summary>Evolution rounds (1..100).</summary>
    public int Rounds
    {
        get => _rounds;
        init => _rounds = value is >= 1 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(Rounds), value, "must be in 1..100");
    }

    /// <summary>The operations to choose from: operation names or presets (expanded), at least one.</summary>
    public IReadOnlyList<string> Operations
    {
        get => _operations;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Operations));
            var ops = EvolOperations.Expand(value);
            _operations = ops.Count > 0 ? ops : throw new ArgumentException("at least one operation is needed", nameof(Operations));
        }
    }

    /// <summary>How the operation of each (record, round) is chosen.</summary>
    public EvolSelection Selection { get; init; } = EvolSelection.Uniform;

    /// <summary>Which failure rules apply.</summary>
    public EvolElimination Elimination { get; init; } = EvolElimination.Paper;

    /// <summary>Sampling temperature (0..2).</summary>
    public double Temperature
    {
        get => _temperature;
        init => _temperature = value is >= 0 and <= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Temperature), value, "must be in 0..2");
    }

    /// <summary>Nucleus mass (above 0, at most 1).</summary>
    public double TopP
    {
        get => _topP;
        init => _topP = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TopP), value, "must be in (0, 1]");
    }

    /// <summary>Top-k cut; 0 for none.</summary>
    public int TopK
    {
        get => _topK;
        init => _topK = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(TopK), value, "must not be negative");
    }

    /// <summary>Most new tokens of an evolution or an answer (1..1000000).</summary>
    public int MaxTokens
    {
        get => _maxTokens;
        init => _maxTokens = value is >= 1 and <= 1_000_000 ? value : throw new ArgumentOutOfRangeException(nameof(MaxTokens), value, "must be in 1..1000000");
    }
}
