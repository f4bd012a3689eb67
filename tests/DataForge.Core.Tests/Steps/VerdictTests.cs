using DataForge.Core.Steps;
using Xunit;

namespace DataForge.Core.Tests.Steps;

public sealed class VerdictTests
{
    [Theory]
    [InlineData("NotSnake")]
    [InlineData("kebab-case")]
    [InlineData("with space")]
    [InlineData("dot.ted")]
    [InlineData("ünïcode")]
    public void Drop_NonSnakeCaseReason_Throws(string reason)
    {
        // Arrange + Act
        var errors = new[]
        {
            Record.Exception(() => Verdict.Drop(reason)),
            Record.Exception(() => Verdict.Error(reason)),
            Record.Exception(() => Verdict.KeepBecause(reason)),
        };

        // Assert
        Assert.All(errors, e => Assert.IsType<ArgumentException>(e));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Drop_MissingReason_Throws(string? reason)
    {
        // Arrange + Act
        var error = Record.Exception(() => Verdict.Drop(reason!));

        // Assert
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void Factories_SnakeCaseReasons_SetKeptReasonAndError()
    {
        // Arrange + Act
        var (keep, because, drop, error) = (Verdict.Keep, Verdict.KeepBecause("top_k"), Verdict.Drop("vote_minority"), Verdict.Error("lint_error2"));

        // Assert
        Assert.Equal((true, (string?)null, false), (keep.Kept, keep.Reason, keep.IsError));
        Assert.Equal((true, (string?)"top_k", false), (because.Kept, because.Reason, because.IsError));
        Assert.Equal((false, (string?)"vote_minority", false), (drop.Kept, drop.Reason, drop.IsError));
        Assert.Equal((false, (string?)"lint_error2", true), (error.Kept, error.Reason, error.IsError));
    }
}
