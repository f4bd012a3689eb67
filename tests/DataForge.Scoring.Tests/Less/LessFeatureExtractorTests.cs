using DataForge.Core.Seams;
using DataForge.Scoring.Less;
using Xunit;

namespace DataForge.Scoring.Tests.Less;

public sealed class LessFeatureExtractorTests
{
    private static readonly AdamState Moments = new(9, [], [0.5f, 0f, -0.1f], [0.25f, 1f, 0f]);

    [Fact]
    public void AdamDirection_Reference_IsMomentOverRootOfSecondMomentPlusEpsilon()
    {
        // Arrange
        float[] g = [1f, -2f, 0f];

        // Act
        LessFeatureExtractor.AdamDirection(g, Moments, LessPreconditioning.Reference);

        // Assert: m' = 0.9 m + 0.1 g, v' = 0.999 v + 0.001 g², Γ = m' / sqrt(v' + 1e-8).
        double[] expected =
        [
            ((0.9 * 0.5) + 0.1) / Math.Sqrt((0.999 * 0.25) + 0.001 + 1e-8),
            (0.1 * -2) / Math.Sqrt(0.999 + 0.004 + 1e-8),
            (0.9 * -0.1) / Math.Sqrt(1e-8),
        ];
        Assert.Equal(expected, g.Select(x => (double)x), (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)));
    }

    [Fact]
    public void AdamDirection_Paper_CorrectsBiasAtTheNextStepAndAddsEpsilonOutsideTheRoot()
    {
        // Arrange: 9 steps taken, so the update is step t = 10.
        float[] g = [1f, -2f, 0f];
        var (c1, c2) = (1 - Math.Pow(0.9, 10), 1 - Math.Pow(0.999, 10));

        // Act
        LessFeatureExtractor.AdamDirection(g, Moments, LessPreconditioning.Paper);

        // Assert
        double[] expected =
        [
            ((0.9 * 0.5) + 0.1) / c1 / (Math.Sqrt(((0.999 * 0.25) + 0.001) / c2) + 1e-8),
            (0.1 * -2) / c1 / (Math.Sqrt((0.999 + 0.004) / c2) + 1e-8),
            (0.9 * -0.1) / c1 / 1e-8,
        ];
        Assert.Equal(expected, g.Select(x => (double)x), (a, b) => Math.Abs(a - b) <= 1e-5 * Math.Max(1, Math.Abs(a)));
    }

    [Fact]
    public void AdamDirection_ZeroGradientOrWrongLength_StaysZeroOrThrows()
    {
        // Arrange
        var zero = new float[3];

        // Act
        LessFeatureExtractor.AdamDirection(zero, Moments, LessPreconditioning.Reference);

        // Assert
        Assert.All(zero, x => Assert.Equal(0f, x));
        Assert.Throws<ArgumentException>(() => LessFeatureExtractor.AdamDirection(new float[2], Moments, LessPreconditioning.Reference));
    }

    [Fact]
    public void Candidates_PlantedModel_UnitRowsAndZerosForACutResponse()
    {
        // Arrange
        var source = new PlantedGradientSource();
        using var model = source.CreateTrainable(new TrainingPlan { TotalSteps = 4 });
        model.TrainStep([source.Example("math one", "1"), source.Example("code two", "2")]);
        var extractor = new LessFeatureExtractor(new RademacherProjector(256));
        TrainingExample[] examples = [source.Example("math a", "x"), source.Example("poem TRUNCATED", "y"), source.Example("code b", "z")];

        // Act
        var candidates = extractor.Candidates(model, examples, model.AdamMoments());
        var targets = extractor.Targets(model, examples);

        // Assert
        foreach (var rows in new[] { candidates, targets })
        {
            Assert.Equal(3, rows.Length);
            Assert.All(rows, r => Assert.Equal(256, r.Length));
            Assert.Equal(1, Norm(rows[0]), 1e-5);
            Assert.All(rows[1], x => Assert.Equal(0f, x));
            Assert.Equal(1, Norm(rows[2]), 1e-5);
        }

        Assert.NotEqual(candidates[0], targets[0]);
        Assert.Equal(6, source.GradientExamples);
    }

    [Fact]
    public void Targets_PlainGradient_IsTheNormalisedProjection()
    {
        // Arrange
        var source = new PlantedGradientSource();
        using var model = source.CreateTrainable(new TrainingPlan());
        var projector = new RademacherProjector(128, seed: 0);
        var example = source.Example("poem c", "w");

        // Act
        var feature = new LessFeatureExtractor(projector).Targets(model, [example])[0];

        // Assert
        var expected = projector.Project([PlantedGradientSource.Gradient(example)])[0];
        LessFeatureExtractor.Normalize(expected);
        Assert.Equal(expected, feature);
    }

    private static double Norm(float[] row) => Math.Sqrt(row.Sum(x => (double)x * x));
}
