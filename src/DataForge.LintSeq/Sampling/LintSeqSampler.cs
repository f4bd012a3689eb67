using DataForge.LintSeq.Languages;
using DataForge.LintSeq.Linters;

namespace DataForge.LintSeq.Sampling;

/// <summary>
/// LintSeq's backward sampler (docs/algorithms.md#lintseq, the reference driver's settings: one seed per
/// round, top-k 1, population 1): repeatedly pick a line by weight, delete it with its children and
/// every line the linter then flags, until no candidate is left. Every intermediate program lints clean.
/// </summary>
public sealed class LintSeqSampler
{
    private readonly ILinter _linter;
    private readonly LintSeqOptions _options;

    /// <summary>Creates a sampler over <paramref name="linter"/>.</summary>
    public LintSeqSampler(ILinter linter, LintSeqOptions options)
    {
        ArgumentNullException.ThrowIfNull(linter);
        ArgumentNullException.ThrowIfNull(options);
        _linter = linter;
        _options = options;
    }

    /// <summary>Samples one sequence of deletion sets with <paramref name="random"/>.</summary>
    public async Task<SampledSequence> SampleAsync(IReadOnlyList<string> lines, ProgramStructure structure, Random random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(random);
        var deleted = new HashSet<int>();
        var remaining = new SortedSet<int>(structure.Candidates);
        var deletions = new List<IReadOnlySet<int>>();
        var calls = 0;
        while (remaining.Count > 0 && deletions.Count < _options.MaxRounds)
        {
            var seed = Draw(remaining, structure.Weights, random);
            var closure = await CloseAsync(lines, structure, deleted, seed, cancellationToken).ConfigureAwait(false);
            calls += closure.LintCalls;
            deletions.Add(closure.Deleted);
            deleted.UnionWith(closure.Deleted);
            remaining.ExceptWith(closure.Deleted);
        }

        return new SampledSequence(deletions, calls, remaining.Count > 0);
    }

    /// <summary>
    /// The fix-point: <c>X ← X ∪ children(X) ∪ lines flagged by the linter in (program \ (X ∪ deleted))</c>,
    /// starting from the seed, until what is left lints clean.
    /// </summary>
    public async Task<Closure> CloseAsync(IReadOnlyList<string> lines, ProgramStructure structure, IReadOnlySet<int> deleted, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(structure);
        ArgumentNullException.ThrowIfNull(deleted);
        var edit = new HashSet<int>();
        var affected = new HashSet<int> { seed };
        var calls = 0;
        while (true)
        {
            // Children come from the original program; lines already gone are harmless to add again.
            foreach (var line in affected.ToList())
            {
                affected.UnionWith(structure.Children[line]);
            }

            edit.UnionWith(affected);
            var surviving = Enumerable.Range(0, lines.Count).Where(i => !edit.Contains(i) && !deleted.Contains(i)).ToList();
            var errors = await _linter.LintAsync(string.Join("\n", surviving.Select(i => lines[i])), cancellationToken).ConfigureAwait(false);
            calls++;
            if (errors.Count == 0)
            {
                return new Closure(edit, calls);
            }

            if (surviving.Count == 0)
            {
                throw new LinterFailedException($"{_linter.Name} reports errors on the empty program: {errors[0].Code} {errors[0].Message}");
            }

            // Map each reported 1-based line back to the original index. A line outside the program
            // (an error "at end of file") is taken as the last surviving line, so the loop still progresses.
            affected = [.. errors.Select(e => surviving[Math.Clamp(e.Line, 1, surviving.Count) - 1])];
        }
    }

    // Weighted draw among the remaining candidates, in index order (numpy's `choice` with p = weights / sum).
    private static int Draw(SortedSet<int> remaining, IReadOnlyList<double> weights, Random random)
    {
        var total = remaining.Sum(i => weights[i]);
        if (total <= 0)
        {
            return remaining.Min;
        }

        var target = random.NextDouble() * total;
        var last = remaining.Min;
        foreach (var i in remaining)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            last = i;
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return last;
    }
}
