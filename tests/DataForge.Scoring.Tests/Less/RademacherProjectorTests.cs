using DataForge.Core.Steps;
using DataForge.Scoring.Less;
using Xunit;

namespace DataForge.Scoring.Tests.Less;

public sealed class RademacherProjectorTests
{
    private static float[][] RandomUnitVectors(int count, int length, ulong seed)
    {
        var random = DeterministicRandom.FromSeed(seed);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = [.. Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1))];
            LessFeatureExtractor.Normalize(vectors[i]);
        }

        return vectors;
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    // The distortion ε the Johnson–Lindenstrauss lemma guarantees for n points in d dimensions:
    // the root of d = 4 ln n / (ε²/2 − ε³/3) (Dasgupta and Gupta's form), found by bisection.
    private static double JlEpsilon(int points, int dimension)
    {
        var (low, high) = (1e-6, 1.0);
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            var needed = 4 * Math.Log(points) / ((mid * mid / 2) - (mid * mid * mid / 3));
            (low, high) = needed > dimension ? (mid, high) : (low, mid);
        }

        return high;
    }

    [Fact]
    public void Project_RandomVectors_PreservesNormsAndInnerProductsWithinTheJlBound()
    {
        // Arrange: 30 unit vectors of length 3,000 projected to d = 2,048, so ε ≈ 0.12.
        var vectors = RandomUnitVectors(30, 3000, seed: 7);
        var projector = new RademacherProjector(2048, seed: 0);
        var epsilon = JlEpsilon(vectors.Length, projector.Dimension);

        // Act
        var projected = projector.Project(vectors);

        // Assert: squared norms within (1 ± ε); for unit vectors, |⟨Px, Py⟩ − ⟨x, y⟩| ≤ ε follows from the norms of x ± y.
        Assert.InRange(epsilon, 0.1, 0.15);
        var worst = 0.0;
        for (var i = 0; i < vectors.Length; i++)
        {
            Assert.InRange(Dot(projected[i], projected[i]), 1 - epsilon, 1 + epsilon);
            for (var j = i + 1; j < vectors.Length; j++)
            {
                var error = Math.Abs(Dot(projected[i], projected[j]) - Dot(vectors[i], vectors[j]));
                worst = Math.Max(worst, error);
                Assert.True(error <= epsilon, $"pair ({i}, {j}): inner product off by {error:F4} > ε = {epsilon:F4}");
            }
        }

        Assert.True(worst > 0, "the projection should not be exact");
    }

    [Fact]
    public void Project_BlockSizes_GiveTheSameBits()
    {
        // Arrange
        var vectors = RandomUnitVectors(5, 1001, seed: 3);
        vectors[2][17] = 0; // skipped zero entries must not change the sums either

        // Act
        var reference = new RademacherProjector(700, seed: 5, blockRows: 256).Project(vectors);
        var single = new RademacherProjector(700, seed: 5, blockRows: 1).Project(vectors);
        var odd = new RademacherProjector(700, seed: 5, blockRows: 7).Project(vectors);
        var whole = new RademacherProjector(700, seed: 5, blockRows: 4096).Project(vectors);
        var alone = new RademacherProjector(700, seed: 5, blockRows: 64).Project([vectors[3]]);

        // Assert
        for (var i = 0; i < vectors.Length; i++)
        {
            Assert.Equal(reference[i], single[i]);
            Assert.Equal(reference[i], odd[i]);
            Assert.Equal(reference[i], whole[i]);
        }

        Assert.Equal(reference[3], alone[0]);
    }

    [Fact]
    public void Project_BasisVector_IsTheMatrixRowScaledByOneOverRootD()
    {
        // Arrange
        var projector = new RademacherProjector(130, seed: 11);
        var basis = new float[50];
        basis[42] = 1;

        // Act
        var row = projector.Project([basis])[0];

        // Assert
        var scale = (float)(1 / Math.Sqrt(130));
        Assert.Equal([.. Enumerable.Range(0, 130).Select(j => projector.Sign(42, j) * scale)], row);
        var plus = Enumerable.Range(0, 130).Count(j => projector.Sign(42, j) > 0);
        Assert.InRange(plus, 40, 90);
    }

    [Fact]
    public void Project_OtherSeed_OtherMatrix()
    {
        // Arrange
        var vectors = RandomUnitVectors(1, 200, seed: 1);

        // Act
        var a = new RademacherProjector(64, seed: 0).Project(vectors)[0];
        var b = new RademacherProjector(64, seed: 1).Project(vectors)[0];

        // Assert
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Project_MixedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RademacherProjector(64).Project([new float[3], new float[4]]));
        Assert.ThrowsAny<ArgumentException>(() => new RademacherProjector(0));
        Assert.ThrowsAny<ArgumentException>(() => new RademacherProjector(64, blockRows: 0));
    }
}
