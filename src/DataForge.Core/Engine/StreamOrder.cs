using System.Globalization;
using DataForge.Core.Steps;

namespace DataForge.Core.Engine;

/// <summary>
/// The <c>Sample.Order</c> keys of a partitioned run. A source numbers its records (all of them, in
/// reading order, whichever partition they belong to); an expanding step appends each output's index to
/// its input's key; a step with several inputs puts the input's index in front (it reads its inputs one
/// after the other); every other step keeps the key. Ordinal order of the keys is then the order a
/// single-machine run has at each step, whatever the partitions.
/// </summary>
public static class StreamOrder
{
    /// <summary>The key of a source's record number <paramref name="ordinal"/>.</summary>
    public static string Source(long ordinal) => ordinal.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>The key of a record that reached a step with several inputs through input <paramref name="input"/>.</summary>
    public static string Input(int input, string order) => string.Create(CultureInfo.InvariantCulture, $"{input:D2}:{order}");

    /// <summary><paramref name="outcomes"/> of the record keyed <paramref name="order"/>, keyed in turn (null: unpartitioned, unchanged).</summary>
    public static IReadOnlyList<Outcome> Stamp(IReadOnlyList<Outcome> outcomes, string? order, StepRole role)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (order is null)
        {
            return outcomes;
        }

        var stamped = new Outcome[outcomes.Count];
        for (var i = 0; i < outcomes.Count; i++)
        {
            var key = role == StepRole.Expand ? string.Create(CultureInfo.InvariantCulture, $"{order}.{i:D6}") : order;
            stamped[i] = outcomes[i] with { Sample = outcomes[i].Sample with { Order = key } };
        }

        return stamped;
    }

}
