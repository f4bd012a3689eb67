using DataForge.Core.Records;

namespace DataForge.Generation.Ensemble;

/// <summary>Splits seed tasks into with-input and output-only tasks (docs/algorithms.md#ensemble-instruct).</summary>
/// <remarks>
/// A seed is a with-input task when its <c>input</c> holds anything but whitespace (the reference
/// looks at the first instance of a Self-Instruct seed task; an Alpaca record has one instance).
/// </remarks>
public static class EnsembleCategorizer
{
    /// <summary>The <c>meta.ensemble_type</c> value of with-input tasks.</summary>
    public const string WithInputName = "with_input";

    /// <summary>The <c>meta.ensemble_type</c> value of output-only tasks.</summary>
    public const string OutputOnlyName = "output_only";

    /// <summary>The category of one seed.</summary>
    public static EnsembleTaskType Categorize(Sample seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return string.IsNullOrWhiteSpace(seed.Input) ? EnsembleTaskType.OutputOnly : EnsembleTaskType.WithInput;
    }

    /// <summary>Splits seeds by category, keeping their order within each category.</summary>
    public static EnsembleSeedSplit Split(IEnumerable<Sample> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var withInput = new List<Sample>();
        var outputOnly = new List<Sample>();
        foreach (var seed in seeds)
        {
            (Categorize(seed) == EnsembleTaskType.WithInput ? withInput : outputOnly).Add(seed);
        }

        return new EnsembleSeedSplit(withInput, outputOnly);
    }

    /// <summary>The stable snake_case name of a category (<see cref="WithInputName"/>, <see cref="OutputOnlyName"/>).</summary>
    public static string NameOf(EnsembleTaskType type)
        => type == EnsembleTaskType.WithInput ? WithInputName : OutputOnlyName;

    /// <summary>The category named <paramref name="name"/>, or null when it names none.</summary>
    public static EnsembleTaskType? Parse(string? name) => name switch
    {
        WithInputName => EnsembleTaskType.WithInput,
        OutputOnlyName => EnsembleTaskType.OutputOnly,
        _ => null,
    };
}
