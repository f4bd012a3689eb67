using DataForge.Core.Records;

namespace DataForge.Generation.Ensemble;

/// <summary>Seeds split by category (see <see cref="EnsembleCategorizer"/>).</summary>
/// <param name="WithInput">Type A seeds, in input order.</param>
/// <param name="OutputOnly">Type B seeds, in input order.</param>
public sealed record EnsembleSeedSplit(IReadOnlyList<Sample> WithInput, IReadOnlyList<Sample> OutputOnly)
{
    /// <summary>The seeds of one category.</summary>
    public IReadOnlyList<Sample> Of(EnsembleTaskType type) => type == EnsembleTaskType.WithInput ? WithInput : OutputOnly;
}
