using DataForge.Generation.Similarity;
using Xunit;

namespace DataForge.Generation.Tests.Similarity;

public sealed class RougeLTests
{
    [Fact]
    public void Tokenize_LowerCasesAndSplitsOnNonAlphanumerics()
    {
        Assert.Equal(["hello", "world"], RougeL.Tokenize("Hello, World!!"));
        Assert.Equal(["it", "s", "a", "b2b", "caf", "x"], RougeL.Tokenize("  It's a B2B café-x "));
        Assert.Empty(RougeL.Tokenize("--- !! ..."));
        Assert.Empty(RougeL.Tokenize(null));
    }

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, new[] { 1, 3, 4 }, 3)]
    [InlineData(new[] { 1, 2, 3 }, new[] { 4, 5 }, 0)]
    [InlineData(new[] { 1, 2, 1, 2 }, new[] { 2, 1, 2, 1 }, 3)]
    [InlineData(new int[0], new[] { 1 }, 0)]
    public void LcsLength_KnownPairs(int[] a, int[] b, int expected)
    {
        Assert.Equal(expected, RougeL.LcsLength(a, b));
        Assert.Equal(expected, RougeL.LcsLength(b, a));
        Assert.Equal(expected, RougeL.LcsLengthDp(a, b));
    }

    [Theory]
    [InlineData(10, 70)]
    [InlineData(63, 64)]
    [InlineData(64, 65)]
    [InlineData(65, 100)]
    [InlineData(100, 129)]
    [InlineData(130, 300)]
    [InlineData(200, 200)]
    public void LcsLength_LongRandomSequences_MatchesDp(int lengthA, int lengthB)
    {
        var random = new Random(lengthA * 1000 + lengthB);
        for (var trial = 0; trial < 20; trial++)
        {
            var vocabulary = 2 + trial;
            var a = Enumerable.Range(0, lengthA).Select(_ => random.Next(vocabulary)).ToArray();
            var b = Enumerable.Range(0, lengthB).Select(_ => random.Next(vocabulary)).ToArray();
            Assert.Equal(RougeL.LcsLengthDp(a, b), RougeL.LcsLength(a, b));
            Assert.Equal(RougeL.LcsLengthDp(a, b), RougeL.LcsLength(b, a));
        }
    }

    [Fact]
    public void LcsLength_IdenticalLongSequence_IsItsLength()
    {
        var a = Enumerable.Range(0, 150).Select(i => i % 7).ToArray();
        Assert.Equal(150, RougeL.LcsLength(a, a));
    }

    [Fact]
    public void F_IsSymmetricAndZeroForNoOverlap()
    {
        Assert.Equal(RougeL.F(3, 4, 7), RougeL.F(3, 7, 4));
        Assert.Equal(2.0 * 3 / 11, RougeL.F(3, 4, 7), 12);
        Assert.Equal(1.0, RougeL.F(5, 5, 5));
        Assert.Equal(0, RougeL.F(0, 5, 5));
        Assert.Equal(0, RougeL.F(0, 0, 5));
    }

    [Fact]
    public void F_OfTexts_MatchesRougeScoreOnAKnownPair()
    {
        // rouge_score rougeL("The cat sat on the mat.", "the cat is on the mat"): LCS 5 of 6 and 6 → F = 5/6.
        var vocabulary = new TokenVocabulary();
        var x = vocabulary.Encode(RougeL.Tokenize("The cat sat on the mat."));
        var y = vocabulary.Encode(RougeL.Tokenize("the cat is on the mat"));
        Assert.Equal(5.0 / 6, RougeL.F(RougeL.LcsLength(x, y), x.Length, y.Length), 12);
    }
}
