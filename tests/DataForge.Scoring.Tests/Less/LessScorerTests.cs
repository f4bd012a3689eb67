using DataForge.Scoring.Less;
using Xunit;

namespace DataForge.Scoring.Tests.Less;

public sealed class LessScorerTests
{
    private static float[] Unit(params float[] v)
    {
        LessFeatureExtractor.Normalize(v);
        return v;
    }

    private static double Cos(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x));

    [Fact]
    public void CheckpointWeights_MeanRates_NormalisedToSumOne()
    {
        // Act: the reference README's per-epoch mean rates.
        double[] rates = [1.6877e-05, 1.2859e-05, 7.7030e-06, 2.5616e-06];
        var weights = LessScorer.CheckpointWeights(rates);

        // Assert
        Assert.Equal(1, weights.Sum(), 1e-12);
        Assert.Equal(rates, weights.Select(w => w * rates.Sum()), (a, b) => Math.Abs(a - b) < 1e-15);
        Assert.True(weights[0] > weights[1] && weights[2] > weights[3]);
        Assert.Throws<ArgumentException>(() => LessScorer.CheckpointWeights([0, 0]));
        Assert.Throws<ArgumentException>(() => LessScorer.CheckpointWeights([]));
    }

    [Fact]
    public void Scores_HandMadeVectors_WeightedCosineMeanWithinSubtaskMaxOverSubtasks()
    {
        // Arrange: 2 checkpoints, 3 candidates, targets t0, t1 in subtask 0 and t2 in subtask 1.
        float[][][] candidates =
        [
            [Unit(1, 0, 0), Unit(0, 1, 0), Unit(1, 1, 1)],
            [Unit(1, 1, 0), Unit(0, 1, 1), Unit(-1, 0, 1)],
        ];
        float[][][] targets =
        [
            [Unit(1, 0, 0), Unit(0, 0, 1), Unit(0, 1, 0)],
            [Unit(1, 0, 0), Unit(0, 1, 0), Unit(0, 1, 1)],
        ];
        int[] subtaskOf = [0, 0, 1];
        double[] weights = [0.75, 0.25];

        // Act
        var scorer = new LessScorer(3, 2);
        for (var i = 0; i < 2; i++)
        {
            scorer.BeginCheckpoint(weights[i], LessScorer.SubtaskMeans(targets[i], subtaskOf, 2));
            for (var n = 0; n < 3; n++)
            {
                scorer.Add(n, candidates[i][n]);
            }
        }

        var scores = scorer.Scores();

        // Assert: against the definition, written out.
        for (var n = 0; n < 3; n++)
        {
            var perSubtask = new double[2];
            for (var j = 0; j < 2; j++)
            {
                var members = Enumerable.Range(0, 3).Where(t => subtaskOf[t] == j).ToList();
                perSubtask[j] = members.Average(t => Enumerable.Range(0, 2).Sum(i => weights[i] * Cos(candidates[i][n], targets[i][t])));
            }

            var best = perSubtask[0] >= perSubtask[1] ? 0 : 1;
            Assert.Equal(perSubtask[best], scores[n]!.Value.Score, 1e-6);
            Assert.Equal(best, scores[n]!.Value.Subtask);
        }

        Assert.Equal(1, scores[1]!.Value.Subtask); // candidate 1 points at subtask 1's target
    }

    [Fact]
    public void Scores_ZeroRows_LeaveTheCandidateUnscoredAndTheTargetOutOfItsMean()
    {
        // Arrange: target 1 has no feature, so subtask 0's mean is target 0 alone; subtask 1 has none at all.
        var scorer = new LessScorer(2, 2);
        var means = LessScorer.SubtaskMeans([Unit(1, 0), new float[2], new float[2]], [0, 0, 1], 2);

        // Act
        scorer.BeginCheckpoint(1, means);
        scorer.Add(0, Unit(-1, 0));
        scorer.Add(1, new float[2]);
        var scores = scorer.Scores();

        // Assert: subtask 1 (no usable target) does not win the max with its 0.
        Assert.Null(means[1]);
        Assert.Equal(-1, scores[0]!.Value.Score, 1e-6);
        Assert.Equal(0, scores[0]!.Value.Subtask);
        Assert.Null(scores[1]);
    }

    [Fact]
    public void Scores_NoUsableTarget_Throws()
    {
        // Arrange
        var scorer = new LessScorer(1, 1);
        scorer.BeginCheckpoint(1, LessScorer.SubtaskMeans([new float[2]], [0], 1));
        scorer.Add(0, Unit(1, 0));

        // Act / Assert
        Assert.Throws<InvalidOperationException>(() => scorer.Scores());
    }
}
