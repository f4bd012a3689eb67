using DataForge.Core.Review;
using DataForge.Pipelines.Runs;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Runs;

/// <summary>Review verdicts move the run id only when there are some.</summary>
public sealed class RunIdentityVerdictsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Compute_NoVerdicts_KeepsTheIdItAlwaysHad_VerdictsMoveIt()
    {
        // Arrange
        var spec = RunIdentityPipeline.Load(RunIdentityPipeline.Write(_folder), []);
        var reject = ReviewVerdicts.From([new("a", ReviewVerdictKind.Reject)]).ContentHash;
        var flag = ReviewVerdicts.From([new("a", ReviewVerdictKind.Flag)]).ContentHash;

        // Act
        var plain = RunIdentity.Compute(spec, null).RunId;
        var none = RunIdentity.Compute(spec, null, null).RunId;
        var rejected = RunIdentity.Compute(spec, null, reject).RunId;
        var flagged = RunIdentity.Compute(spec, null, flag).RunId;

        // Assert
        Assert.Equal(plain, none);
        Assert.Equal(RunIdentity.Compute(spec).RunId, none);
        Assert.NotEqual(plain, rejected);
        Assert.NotEqual(rejected, flagged);
        Assert.Equal(rejected, RunIdentity.Compute(spec, null, reject).RunId);
    }
}
