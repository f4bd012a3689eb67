using DataForge.Core.Options;

namespace DataForge.Generation.Novelty;

/// <summary>Options of <see cref="NoveltyFilter"/>.</summary>
public sealed record NoveltyFilterOptions
{
    /// <summary>The <see cref="Field"/> value comparing the instruction only.</summary>
    public const string InstructionField = "instruction";

    /// <summary>The <see cref="Field"/> value comparing the instruction followed by the input.</summary>
    public const string InstructionAndInputField = "instruction+input";

    /// <summary>The largest max-F still accepted.</summary>
    [Option("threshold", "a record whose max Rouge-L F is above this is dropped as near_duplicate", Min = 0, Max = 1)] public double Threshold { get; init; } = 0.7;

    /// <summary>Nearest accepted records recorded per record.</summary>
    [Option("nearest", "nearest accepted records written to meta.rouge_l_nearest", Min = 0, Max = 100)] public int Nearest { get; init; } = 10;

    /// <summary>Which text is compared: <see cref="InstructionField"/> or <see cref="InstructionAndInputField"/>.</summary>
    [Option("field", "the compared text: instruction, or instruction+input", Allowed = [InstructionField, InstructionAndInputField])] public string Field { get; init; } = InstructionField;

    /// <summary>Whether tokens are Porter-stemmed before comparing (off: Self-Instruct and Ensemble-Instruct run the novelty filter without a stemmer).</summary>
    [Option("stem", "Porter-stem tokens longer than three characters before comparing (rouge_score use_stemmer; off in Self-Instruct and Ensemble-Instruct)")] public bool Stem { get; init; }
}
