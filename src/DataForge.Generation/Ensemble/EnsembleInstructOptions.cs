using DataForge.Core.Steps;

namespace DataForge.Generation.Ensemble;

/// <summary>Options of <see cref="EnsembleInstructGenerator"/> (defaults: the reference's, github.com/IBM/ensemble-instruct).</summary>
/// <remarks>
/// | option | default | meaning |
/// |---|---|---|
/// | <see cref="Instructions"/> | 100 | machine instructions to accept per task type |
/// | <see cref="Types"/> | both | task types to generate (with-input, output-only) |
/// | <see cref="WithInputDemonstrations"/> | 24 | demonstrations per instruction prompt, with-input type |
/// | <see cref="OutputOnlyDemonstrations"/> | 10 | demonstrations per instruction prompt, output-only type |
/// | <see cref="MachineDemonstrations"/> | 4 | at most this many of them machine-made |
/// | <see cref="BatchSize"/> | 5 | prompts per model request |
/// | <see cref="MaxPrompts"/> | 10 × instructions | instruction prompts per type before giving up |
/// | <see cref="Temperature"/>, <see cref="TopK"/>, <see cref="TopP"/> | 0.7, 50, 1 | sampling of both stages |
/// | <see cref="InstructionMaxTokens"/> | 256 | most new tokens of an instruction |
/// | <see cref="InstanceMaxTokens"/> | 512 | most new tokens of an instance |
/// | <see cref="NoveltyThreshold"/> | 0.7 | an instruction whose max Rouge-L F is above this is dropped |
/// | <see cref="Nearest"/> | 10 | nearest instructions written to meta |
/// | <see cref="Stem"/> | false | Porter stemming in the novelty Rouge-L (the reference has none) |
/// </remarks>
public sealed record EnsembleInstructOptions
{
    private readonly int _instructions = 100;
    private readonly IReadOnlyList<EnsembleTaskType> _types = [EnsembleTaskType.WithInput, EnsembleTaskType.OutputOnly];
    private readonly int _withInputDemonstrations = 24;
    private readonly int _outputOnlyDemonstrations = 10;
    private readonly int _machineDemonstrations = 4;
    private readonly int _batchSize = 5;
    private readonly int? _maxPrompts;
    private readonly double _temperature = 0.7;
    private readonly int _topK = 50;
    private readonly double _topP = 1.0;
    private readonly int _instructionMaxTokens = 256;
    private readonly int _instanceMaxTokens = 512;
    private readonly double _noveltyThreshold = 0.7;
    private readonly int _nearest = 10;

    /// <summary>The default options.</summary>
    public static EnsembleInstructOptions Default { get; } = new();

    /// <summary>Machine instructions to accept per task type (1..1,000,000).</summary>
    public int Instructions
    {
        get => _instructions;
        init => _instructions = OptionGuard.InRange(value, 1, 1_000_000, nameof(Instructions));
    }

    /// <summary>The task types to generate, in order (at least one, no repeats).</summary>
    public IReadOnlyList<EnsembleTaskType> Types
    {
        get => _types;
        init => _types = value is { Count: > 0 } && value.Distinct().Count() == value.Count
            ? [.. value]
            : throw new ArgumentException("at least one task type, none twice", nameof(Types));
    }

    /// <summary>Demonstrations per with-input instruction prompt (1..200).</summary>
    public int WithInputDemonstrations
    {
        get => _withInputDemonstrations;
        init => _withInputDemonstrations = OptionGuard.InRange(value, 1, 200, nameof(WithInputDemonstrations));
    }

    /// <summary>Demonstrations per output-only instruction prompt (1..200).</summary>
    public int OutputOnlyDemonstrations
    {
        get => _outputOnlyDemonstrations;
        init => _outputOnlyDemonstrations = OptionGuard.InRange(value, 1, 200, nameof(OutputOnlyDemonstrations));
    }

    /// <summary>Most machine-made demonstrations per prompt (0..200); the rest are seeds.</summary>
    public int MachineDemonstrations
    {
        get => _machineDemonstrations;
        init => _machineDemonstrations = OptionGuard.InRange(value, 0, 200, nameof(MachineDemonstrations));
    }

    /// <summary>Prompts sent in one model request (1..1024).</summary>
    public int BatchSize
    {
        get => _batchSize;
        init => _batchSize = OptionGuard.InRange(value, 1, 1024, nameof(BatchSize));
    }

    /// <summary>Instruction prompts per type before the step stops short of <see cref="Instructions"/> (default 10 × instructions).</summary>
    public int MaxPrompts
    {
        get => _maxPrompts ?? (int)Math.Min(int.MaxValue, 10L * _instructions);
        init => _maxPrompts = OptionGuard.InRange(value, 1, int.MaxValue, nameof(MaxPrompts));
    }

    /// <summary>Sampling temperature of both stages (0..2; 0 is greedy).</summary>
    public double Temperature
    {
        get => _temperature;
        init => _temperature = value is >= 0 and <= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Temperature), value, "must be in 0..2");
    }

    /// <summary>Top-k cut of both stages (0 for none).</summary>
    public int TopK
    {
        get => _topK;
        init => _topK = OptionGuard.InRange(value, 0, int.MaxValue, nameof(TopK));
    }

    /// <summary>Nucleus mass of both stages (0..1, above 0).</summary>
    public double TopP
    {
        get => _topP;
        init => _topP = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TopP), value, "must be in (0, 1]");
    }

    /// <summary>Most new tokens of an instruction (1..32768).</summary>
    public int InstructionMaxTokens
    {
        get => _instructionMaxTokens;
        init => _instructionMaxTokens = OptionGuard.InRange(value, 1, 32768, nameof(InstructionMaxTokens));
    }

    /// <summary>Most new tokens of an instance (1..32768).</summary>
    public int InstanceMaxTokens
    {
        get => _instanceMaxTokens;
        init => _instanceMaxTokens = OptionGuard.InRange(value, 1, 32768, nameof(InstanceMaxTokens));
    }

    /// <summary>An instruction whose max Rouge-L F against the seeds and accepted instructions of its type is above this is dropped (0..1).</summary>
    public double NoveltyThreshold
    {
        get => _noveltyThreshold;
        init => _noveltyThreshold = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(NoveltyThreshold), value, "must be in 0..1");
    }

    /// <summary>Nearest instructions written to <c>meta.rouge_l_nearest</c> (0..100).</summary>
    public int Nearest
    {
        get => _nearest;
        init => _nearest = OptionGuard.InRange(value, 0, 100, nameof(Nearest));
    }

    /// <summary>Porter stemming in the novelty Rouge-L (off in the reference).</summary>
    public bool Stem { get; init; }

    /// <summary>Demonstrations per prompt for <paramref name="type"/>.</summary>
    public int DemonstrationsOf(EnsembleTaskType type)
        => type == EnsembleTaskType.WithInput ? WithInputDemonstrations : OutputOnlyDemonstrations;
}
