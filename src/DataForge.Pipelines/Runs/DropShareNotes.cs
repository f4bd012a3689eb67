using System.Globalization;
using DataForge.Core.Engine;
using DataForge.Core.Steps;

namespace DataForge.Pipelines.Runs;

/// <summary>
/// Notes on steps that dropped more than <c>run.warn_drop_fraction</c> of the records they received: a
/// filter or selection that discards most of its input (IFD above 1 under a small model, say) is worth a
/// look even when the run succeeds. Sources and sinks drop nothing of their own and are left out.
/// </summary>
internal static class DropShareNotes
{
    /// <summary>One note per step over the share, in plan order.</summary>
    public static IEnumerable<string> For(IReadOnlyList<GraphNode> nodes, IReadOnlyList<StepStats> stats, double fraction)
    {
        for (var i = 0; i < nodes.Count && i < stats.Count; i++)
        {
            var role = nodes[i].Step is ReplayStep replay ? replay.Replaced.Role : nodes[i].Step.Role;
            var dropped = stats[i].Dropped.Values.Sum();
            if (role is StepRole.Source or StepRole.Sink || stats[i].In == 0 || dropped <= fraction * stats[i].In)
            {
                continue;
            }

            var reasons = string.Join(", ", stats[i].Dropped.Where(d => d.Value > 0).OrderByDescending(d => d.Value).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}"));
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"step '{nodes[i].Name}' dropped {dropped} of the {stats[i].In} records it received ({100.0 * dropped / stats[i].In:0.#}%), more than run.warn_drop_fraction ({100 * fraction:0.#}%): {reasons}");
        }
    }
}
