using DataForge.Core.Records;
using DataForge.Core.Steps;

namespace DataForge.Storage.Shards;

/// <summary>
/// The seeded train/validation split of the kept records. A record's split is drawn from the run seed and
/// its <c>root_id</c> (its own id for a seed), so every record derived from one seed (its evolutions, its
/// edit sequences) lands on the same side: no seed straddles the split.
/// </summary>
/// <param name="Seed">The run seed.</param>
/// <param name="Fraction">Expected share of seeds (with everything derived from them) in validation; 0 writes only train.</param>
public sealed record ValidationSplit(long Seed, double Fraction)
{
    /// <summary>The training split's name.</summary>
    public const string Train = "train";

    /// <summary>The validation split's name.</summary>
    public const string Validation = "validation";

    /// <summary>No validation split.</summary>
    public static ValidationSplit None { get; } = new(0, 0);

    /// <summary>The split a record belongs to.</summary>
    public string Of(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (Fraction <= 0)
        {
            return Train;
        }

        var root = sample.RootId ?? sample.Id;
        return DeterministicRandom.Create(Seed, root, "validation_split").NextDouble() < Fraction ? Validation : Train;
    }
}
