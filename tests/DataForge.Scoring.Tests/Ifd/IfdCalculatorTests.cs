using DataForge.Core.Seams;
using DataForge.Scoring.Ifd;
using Xunit;

namespace DataForge.Scoring.Tests.Ifd;

public sealed class IfdCalculatorTests
{
    private static ScoreResult Tokens(int? context, params double[] losses)
        => new([.. losses.Select((l, i) => new ScoredToken($"t{i}", i * 3, -l))], "", context);

    private static ScoreResult AtOffsets(params (int Offset, double Loss)[] tokens)
        => new([.. tokens.Select(t => new ScoredToken("t", t.Offset, -t.Loss))]);

    [Fact]
    public void Cherry_NoTruncation_RatioOfMeanLosses()
    {
        // Act
        var value = IfdCalculator.Cherry(Tokens(10, 1, 2, 3), Tokens(2, 2, 4, 6), maxLength: 0, IfdRatio.Loss);

        // Assert
        Assert.Equal(2.0 / 4.0, value.Ifd, 12);
        Assert.Equal(3, value.AnswerTokens);
    }

    [Fact]
    public void Cherry_MaxLength_BothPassesUseTheSameFirstAnswerTokens()
    {
        // Arrange: 7 prompt tokens and max_length 9 leave 2 answer tokens.
        var conditioned = Tokens(7, 1, 3, 100);
        var direct = Tokens(3, 2, 2, 100);

        // Act
        var value = IfdCalculator.Cherry(conditioned, direct, maxLength: 9, IfdRatio.Loss);

        // Assert
        Assert.Equal(2, value.AnswerTokens);
        Assert.Equal(2.0 / 2.0, value.Ifd, 12);
    }

    [Fact]
    public void Cherry_PromptAsLongAsMaxLength_PromptTooLong()
    {
        Assert.Equal("prompt_too_long", IfdCalculator.Cherry(Tokens(9, 1), Tokens(1, 1), maxLength: 9, IfdRatio.Loss).Reason);
        Assert.Equal("no_answer_tokens", IfdCalculator.Cherry(Tokens(3), Tokens(1, 1), maxLength: 0, IfdRatio.Loss).Reason);
    }

    [Fact]
    public void Cherry_PerplexityRatio_ExpOfLossDifference()
    {
        var value = IfdCalculator.Cherry(Tokens(1, 1, 3), Tokens(1, 1, 1), maxLength: 0, IfdRatio.Perplexity);
        Assert.Equal(Math.Exp(2 - 1), value.Ifd, 12);
    }

    [Fact]
    public void Cherry_ZeroDirectLoss_Undefined()
        => Assert.Equal("ifd_undefined", IfdCalculator.Cherry(Tokens(1, 1), Tokens(1, 0), maxLength: 0, IfdRatio.Loss).Reason);

    [Fact]
    public void EvolutionAnalysis_SplitsTheFusedPassAtTheInstructionEnd()
    {
        // Arrange: the instruction is 10 characters; tokens at 0 and 5 are its own, 10 ("\n") and 11 the answer's.
        var full = AtOffsets((5, 2), (8, 4), (10, 1), (11, 3));
        var answer = AtOffsets((3, 4));

        // Act
        var value = IfdCalculator.EvolutionAnalysis(full, instructionLength: 10, answer, IfdRatio.Loss);

        // Assert: s(Q) = 3, s(A|Q) = 2, s(A) = 4 -> IFD 0.5, IC-IFD 0.5 / 3.
        Assert.Equal(3, value.InstructionLoss, 12);
        Assert.Equal(0.5, value.Ifd, 12);
        Assert.Equal(0.5 / 3, value.IcIfd, 12);
    }

    [Fact]
    public void EvolutionAnalysis_OneTokenInstructionOrAnswer_Rejected()
    {
        Assert.Equal("instruction_too_short", IfdCalculator.EvolutionAnalysis(AtOffsets((10, 1)), 10, AtOffsets((1, 1)), IfdRatio.Loss).Reason);
        Assert.Equal("no_answer_tokens", IfdCalculator.EvolutionAnalysis(AtOffsets((2, 1), (11, 1)), 10, AtOffsets(), IfdRatio.Loss).Reason);
        Assert.Equal("no_answer_tokens", IfdCalculator.EvolutionAnalysis(AtOffsets((2, 1)), 10, AtOffsets((1, 1)), IfdRatio.Loss).Reason);
    }
}
