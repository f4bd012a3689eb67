namespace DataForge.Scoring.Less;

/// <summary>
/// LESS's influence scores (docs/algorithms.md#less): for candidate z,
/// <c>Inf(z) = max_j mean_{z' ∈ subtask j} Σ_i η̄_i · cos(Γ_i(z), g_i(z'))</c>, over checkpoints i.
/// </summary>
/// <remarks>
/// Features arrive unit-length, so a cosine is a dot product, and the mean of dot products with a
/// subtask's targets is the dot product with their mean vector: each checkpoint reduces its targets
/// to one mean per subtask, and the scorer keeps one running sum per (candidate, subtask). That is
/// exact, needs no N × targets matrix, and groups targets by name rather than by the reference's
/// reshape (which assumes equal, contiguous groups). Candidates stream through one row at a time.
/// A target row of zeros (no feature) is left out of its subtask's mean; a subtask with no usable
/// target at all takes no part in the max. A candidate with a row of zeros at any checkpoint has no score.
/// </remarks>
public sealed class LessScorer
{
    private readonly int _subtasks;
    private readonly double[] _sums;          // (N, m) running Σ_i η̄_i · Γ̂_i(z) · mean_j(ĝ_i)
    private readonly bool[] _missing;         // (N) a checkpoint gave no feature
    private readonly bool[] _usable;          // (m) some checkpoint had a usable target in the subtask
    private IReadOnlyList<float[]?>? _means;
    private double _weight;

    /// <summary>Creates a scorer for <paramref name="candidates"/> candidates and <paramref name="subtasks"/> subtasks.</summary>
    public LessScorer(int candidates, int subtasks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(candidates);
        ArgumentOutOfRangeException.ThrowIfLessThan(subtasks, 1);
        _subtasks = subtasks;
        _sums = new double[checked(candidates * subtasks)];
        _missing = new bool[candidates];
        _usable = new bool[subtasks];
    }

    /// <summary>The checkpoint weights η̄: each epoch's mean learning rate, divided by their sum.</summary>
    public static double[] CheckpointWeights(IReadOnlyList<double> meanLearningRates)
    {
        ArgumentNullException.ThrowIfNull(meanLearningRates);
        var total = meanLearningRates.Sum();
        if (meanLearningRates.Count == 0 || !(total > 0) || meanLearningRates.Any(r => !(r >= 0)))
        {
            throw new ArgumentException("checkpoint weights need non-negative learning rates with a positive sum", nameof(meanLearningRates));
        }

        return [.. meanLearningRates.Select(r => r / total)];
    }

    /// <summary>The mean target row of each subtask (null for a subtask without a usable row).</summary>
    /// <param name="targets">Unit-length target rows (zeros: no feature).</param>
    /// <param name="subtaskOf">The subtask index of each row.</param>
    /// <param name="subtasks">Number of subtasks.</param>
    public static float[]?[] SubtaskMeans(IReadOnlyList<float[]> targets, IReadOnlyList<int> subtaskOf, int subtasks)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(subtaskOf);
        var sums = new double[subtasks][];
        var counts = new int[subtasks];
        for (var t = 0; t < targets.Count; t++)
        {
            if (Array.TrueForAll(targets[t], x => x == 0))
            {
                continue;
            }

            var sum = sums[subtaskOf[t]] ??= new double[targets[t].Length];
            counts[subtaskOf[t]]++;
            for (var k = 0; k < sum.Length; k++)
            {
                sum[k] += targets[t][k];
            }
        }

        return [.. sums.Select((sum, j) => sum is null ? null : sum.Select(x => (float)(x / counts[j])).ToArray())];
    }

    /// <summary>Starts a checkpoint: the rows added next are weighted by <paramref name="weight"/> against <paramref name="means"/>.</summary>
    /// <param name="weight">The checkpoint's η̄.</param>
    /// <param name="means">The checkpoint's subtask means (<see cref="SubtaskMeans"/>).</param>
    public void BeginCheckpoint(double weight, IReadOnlyList<float[]?> means)
    {
        ArgumentNullException.ThrowIfNull(means);
        if (means.Count != _subtasks)
        {
            throw new ArgumentException($"{means.Count} subtask means for {_subtasks} subtasks", nameof(means));
        }

        _weight = weight;
        _means = means;
        for (var j = 0; j < _subtasks; j++)
        {
            _usable[j] |= means[j] is not null;
        }
    }

    /// <summary>Adds one candidate's row at the current checkpoint.</summary>
    /// <param name="candidate">The candidate's index.</param>
    /// <param name="row">Its unit-length feature (zeros: no feature).</param>
    public void Add(int candidate, ReadOnlySpan<float> row)
    {
        var means = _means ?? throw new InvalidOperationException($"call {nameof(BeginCheckpoint)} first");
        if (!IsNonZero(row))
        {
            _missing[candidate] = true;
            return;
        }

        for (var j = 0; j < _subtasks; j++)
        {
            if (means[j] is not { } mean)
            {
                continue;
            }

            double dot = 0;
            for (var k = 0; k < row.Length; k++)
            {
                dot += (double)row[k] * mean[k];
            }

            _sums[(candidate * _subtasks) + j] += _weight * dot;
        }
    }

    /// <summary>Each candidate's score and the index of the subtask that gave it; null for a candidate without one.</summary>
    public (double Score, int Subtask)?[] Scores()
    {
        if (!_usable.Any(u => u))
        {
            throw new InvalidOperationException("no target example gave a gradient (each one's response was cut away by max_length)");
        }

        var result = new (double, int)?[_missing.Length];
        for (var n = 0; n < _missing.Length; n++)
        {
            if (_missing[n])
            {
                continue;
            }

            var best = -1;
            for (var j = 0; j < _subtasks; j++)
            {
                if (_usable[j] && (best < 0 || _sums[(n * _subtasks) + j] > _sums[(n * _subtasks) + best]))
                {
                    best = j;
                }
            }

            result[n] = (_sums[(n * _subtasks) + best], best);
        }

        return result;
    }

    private static bool IsNonZero(ReadOnlySpan<float> row)
    {
        foreach (var x in row)
        {
            if (x != 0)
            {
                return true;
            }
        }

        return false;
    }
}
