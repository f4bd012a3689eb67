using System.Text.Json;
using DataForge.Generation.Ensemble;
using DataForge.Generation.Similarity;
using Xunit;

namespace DataForge.Generation.Tests.Ensemble;

public sealed class EnsembleConsensusTests
{
    private static List<EnsembleCandidate> Triple(string o0, string o1, string o2)
        => [new("gen", o0), new("m1", o1), new("m2", o2)];

    [Fact]
    public void Decide_GeneratorMatchesOneAfterNormalizing_KeepsGeneratorByExactMatch()
    {
        // Arrange
        var candidates = Triple("Paris.", "  paris ", "London");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(0, result.Winner);
        Assert.Equal(EnsembleConsensusResult.ExactMatch, result.Method);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void Decide_OnlyEnsembleModelsAgree_KeepsFirstEnsembleOutput()
    {
        // Arrange
        var candidates = Triple("Berlin", "Paris!", "paris");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(1, result.Winner);
        Assert.Equal("Paris!", result.WinningCandidate!.Output);
    }

    [Fact]
    public void Decide_NoExactMatch_KeepsHighestSummedRougeL()
    {
        // Arrange: r01 = 0.5, r02 = 0.25, r12 = 0.75, so o1 sums 1.25
        var candidates = Triple("a quick red fox", "the quick brown fox", "the quick brown dog");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(1, result.Winner);
        Assert.Equal(EnsembleConsensusResult.RougeL, result.Method);
        Assert.Equal([0.5, 0.25, 0.75], result.Pairs.Select(p => p.F), new Tolerance());
        Assert.Equal(0.25, result.MinPairwise, 12);
    }

    [Fact]
    public void Decide_AllSumsEqual_KeepsGeneratorFirstInTieOrder()
    {
        // Arrange: every pair shares one of two tokens
        var candidates = Triple("alpha beta", "alpha gamma", "alpha delta");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(0, result.Winner);
        Assert.Equal(result.Scores[1], result.Scores[0]);
    }

    [Fact]
    public void Decide_TwoEnsembleOutputsTieAboveGenerator_KeepsEarlierOne()
    {
        // Arrange: o1 and o2 are symmetric to o0 and to each other
        var candidates = Triple("apple", "red apple sweet", "red apple sour");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(result.Scores[1], result.Scores[2]);
        Assert.True(result.Scores[1] > result.Scores[0]);
        Assert.Equal(1, result.Winner);
    }

    [Fact]
    public void Decide_OnePairShareNoToken_NoConsensus()
    {
        // Arrange: o1 and o2 share nothing, so the minimum pairwise F is 0
        var candidates = Triple("red apple", "red pear", "green apple");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Null(result.Winner);
        Assert.Equal(EnsembleConsensusResult.None, result.Method);
        Assert.Equal("no_consensus", result.Reason);
    }

    [Fact]
    public void Decide_MinimumBelowCustomThreshold_NoConsensus()
    {
        // Arrange: min pairwise F is 0.25
        var candidates = Triple("a quick red fox", "the quick brown fox", "the quick brown dog");

        // Act
        var result = EnsembleConsensus.Decide(candidates, threshold: 0.25);

        // Assert
        Assert.Null(result.Winner);
    }

    [Fact]
    public void Decide_InflectedFormsOnly_AgreeWithStemmingAlone()
    {
        // Arrange: running / runs / run share a token only once stemmed to "run"
        var candidates = Triple("Running fast.", "runs quickly", "run away");

        // Act
        var stemmed = EnsembleConsensus.Decide(candidates);
        var plain = EnsembleConsensus.Decide(candidates, stem: false);

        // Assert
        Assert.Equal(0, stemmed.Winner);
        Assert.Equal(EnsembleConsensusResult.RougeL, stemmed.Method);
        Assert.Equal(0.5, stemmed.MinPairwise, 12);
        Assert.Null(plain.Winner);
        Assert.Equal(0, plain.MinPairwise);
    }

    [Fact]
    public void Decide_StemmingOnOrOff_ChangesTheWinner()
    {
        // Arrange: stemmed sums 1.52 / 1.61 / 1.42 (o1 wins); plain sums 0.73 / 0.79 / 0.94 (o2 wins)
        var candidates = Triple("The cats are sleeping.", "The cat sleeps.", "The cat is sleeping here.");

        // Act
        var stemmed = EnsembleConsensus.Decide(candidates);
        var plain = EnsembleConsensus.Decide(candidates, stem: false);

        // Assert
        Assert.Equal(1, stemmed.Winner);
        Assert.Equal([6.0 / 7, 6.0 / 9, 6.0 / 8], stemmed.Pairs.Select(p => p.F), new Tolerance());
        Assert.Equal(2, plain.Winner);
        Assert.Equal([2.0 / 7, 4.0 / 9, 4.0 / 8], plain.Pairs.Select(p => p.F), new Tolerance());
    }

    [Fact]
    public void Decide_OutputsOnlyPunctuationOrEmpty_NeverAgree()
    {
        // Arrange: the reference would keep "" through its exact-match branch
        var candidates = Triple("!!!", "...", "");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Null(result.Winner);
    }

    [Fact]
    public void Decide_EmptyGeneratorOutputAndTwoAgreeing_KeepsTheAgreeingOne()
    {
        // Arrange
        var candidates = Triple("", "Yes", "yes.");

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(1, result.Winner);
    }

    [Fact]
    public void Decide_FiveCandidates_LargestExactGroupWins()
    {
        // Arrange
        List<EnsembleCandidate> candidates = [new("g", "A"), new("m1", "a"), new("m2", "B"), new("m3", "b"), new("m4", "b!")];

        // Act
        var result = EnsembleConsensus.Decide(candidates);

        // Assert
        Assert.Equal(2, result.Winner);
        Assert.Equal(10, result.Pairs.Count);
    }

    [Fact]
    public void Decide_FewerThanTwoCandidatesOrBadThreshold_Throws()
    {
        // Arrange
        List<EnsembleCandidate> one = [new("g", "x")];

        // Act / Assert
        Assert.Throws<ArgumentException>(() => EnsembleConsensus.Decide(one));
        Assert.Throws<ArgumentException>(() => EnsembleConsensus.Decide([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnsembleConsensus.Decide(Triple("a", "b", "c"), 1.5));
    }

    [Fact]
    public void ToVotesJson_RougeLWinner_CarriesEveryCandidateModelAndPair()
    {
        // Arrange
        var result = EnsembleConsensus.Decide(Triple("a quick red fox", "the quick brown fox", "the quick brown dog"));

        // Act
        using var votes = JsonDocument.Parse(result.ToVotesJson());

        // Assert
        var root = votes.RootElement;
        Assert.Equal("rouge_l", root.GetProperty("method").GetString());
        Assert.Equal(1, root.GetProperty("winner").GetInt32());
        Assert.Equal(["gen", "m1", "m2"], root.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("model").GetString()));
        Assert.Equal("the quick brown fox", root.GetProperty("candidates")[1].GetProperty("output").GetString());
        Assert.Equal(3, root.GetProperty("pairwise").GetArrayLength());
        Assert.Equal(0.75, root.GetProperty("pairwise")[2].GetProperty("f").GetDouble(), 12);
    }

    [Fact]
    public void ToVotesJson_NoConsensus_WinnerIsNull()
    {
        // Arrange
        var result = EnsembleConsensus.Decide(Triple("alpha", "beta", "gamma"));

        // Act
        using var votes = JsonDocument.Parse(result.ToVotesJson());

        // Assert
        Assert.Equal(JsonValueKind.Null, votes.RootElement.GetProperty("winner").ValueKind);
        Assert.Equal("none", votes.RootElement.GetProperty("method").GetString());
    }

    private sealed class Tolerance : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;

        public int GetHashCode(double obj) => 0;
    }
}
