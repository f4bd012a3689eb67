using DataForge.Core.BuiltIns;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;

namespace DataForge.Core.Tests.BuiltIns;

public sealed class SampleFilterTests
{
    private static readonly IReadOnlyList<Core.Records.Sample> Inputs = TestSamples.Range(2000);

    [Fact]
    public async Task Conformance_HalfFraction_HoldsStepContract()
    {
        // Arrange
        var inputs = TestSamples.Range(200);

        // Act + Assert
        await StepConformance.CheckFilterAsync(() => new SampleFilter(SampleFilterOptions.Default), inputs);
    }

    [Fact]
    public void Constructor_NullOptions_Throws()
    {
        // Arrange + Act + Assert
        StepConformance.CheckRejectsBadOptions(() => new SampleFilter(null!));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Options_FractionOutsideUnitInterval_AreRefusedWhenTheStepIsBuilt(double fraction)
    {
        // Arrange
        var options = new SampleFilterOptions { Fraction = fraction };

        // Act
        var error = Record.Exception(() => new SampleFilter(options));

        // Assert
        Assert.IsType<ArgumentException>(error);
        Assert.Contains("fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FractionZero_DropsAllAsNotSampled()
    {
        // Arrange + Act
        var run = await StepHarness.RunAsync(new SampleFilter(new SampleFilterOptions { Fraction = 0 }), Inputs, capacity: 64);

        // Assert
        Assert.Empty(run.Outputs);
        Assert.Equal(2000, run.Rejects.Count);
        Assert.All(run.Rejects, r => Assert.Equal("not_sampled", r.Reason));
    }

    [Fact]
    public async Task Run_FractionOne_KeepsAll()
    {
        // Arrange + Act
        var run = await StepHarness.RunAsync(new SampleFilter(new SampleFilterOptions { Fraction = 1 }), Inputs, capacity: 64);

        // Assert
        Assert.Equal(Inputs.Select(s => s.Id), run.Outputs.Select(s => s.Id));
        Assert.Empty(run.Rejects);
    }

    [Fact]
    public async Task Run_FractionHalf_KeepsAboutHalf()
    {
        // Arrange + Act
        var run = await StepHarness.RunAsync(new SampleFilter(SampleFilterOptions.Default), Inputs, capacity: 64);

        // Assert
        Assert.InRange(run.Outputs.Count, 900, 1100);
        Assert.Equal(2000, run.Outputs.Count + run.Rejects.Count);
    }

    [Fact]
    public async Task Run_SameSeed_KeepsSameIds()
    {
        // Arrange + Act
        var first = await KeptIdsAsync(seed: 42, parallelism: 1);
        var second = await KeptIdsAsync(seed: 42, parallelism: 4);

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Run_OtherSeed_KeepsOtherIds()
    {
        // Arrange + Act
        var first = await KeptIdsAsync(seed: 42, parallelism: 1);
        var other = await KeptIdsAsync(seed: 43, parallelism: 1);

        // Assert
        Assert.NotEqual(first, other);
        Assert.InRange(first.Intersect(other).Count(), 350, 650);
    }

    private static async Task<List<string>> KeptIdsAsync(long seed, int parallelism)
    {
        var run = await StepHarness.RunAsync(new SampleFilter(SampleFilterOptions.Default), Inputs, seed, parallelism, capacity: 64);
        return [.. run.Outputs.Select(s => s.Id)];
    }
}
