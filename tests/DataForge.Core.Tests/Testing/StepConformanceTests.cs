using DataForge.Core.Steps;
using DataForge.Core.Tests.Fakes;
using DataForge.Testing;
using Xunit;
using Xunit.Sdk;

namespace DataForge.Core.Tests.Testing;

/// <summary>The conformance kit must catch the faults it promises to catch, not only pass good steps.</summary>
public sealed class StepConformanceTests
{
    [Fact]
    public async Task CheckRecordStepAsync_WellBehavedMap_Passes()
    {
        // Arrange
        var inputs = TestSamples.Range(40);

        // Act
        var run = await StepConformance.CheckRecordStepAsync(() => new DelayedMap(maxDelayMs: 3), inputs);

        // Assert
        Assert.Equal(inputs.Select(s => s.Id), run.Outputs.Select(s => s.Id));
    }

    [Fact]
    public async Task CheckFilterAsync_UndeclaredDropReason_Fails()
    {
        // Arrange
        var inputs = TestSamples.Range(10);

        // Act
        var error = await Record.ExceptionAsync(() => StepConformance.CheckFilterAsync(() => new UndeclaredReasonFilter(), inputs));

        // Assert
        Assert.Contains("undeclared", Assert.IsAssignableFrom<XunitException>(error).Message);
    }

    [Fact]
    public async Task CheckRecordStepAsync_NonDeterministicStep_Fails()
    {
        // Arrange
        var inputs = TestSamples.Range(10);

        // Act
        var error = await Record.ExceptionAsync(() => StepConformance.CheckRecordStepAsync(() => new SharedCounterMap(), inputs));

        // Assert
        Assert.Contains("same seed", Assert.IsAssignableFrom<XunitException>(error).Message);
    }

    [Fact]
    public async Task CheckRecordStepAsync_UndeclaredFieldChanged_Fails()
    {
        // Arrange
        var inputs = TestSamples.Range(10);

        // Act
        var error = await Record.ExceptionAsync(() => StepConformance.CheckRecordStepAsync(() => new UndeclaredFieldMap(), inputs));

        // Assert
        Assert.Contains("'output'", Assert.IsAssignableFrom<XunitException>(error).Message);
    }

    [Fact]
    public async Task CheckBarrierAsync_WellBehavedBarrier_Passes()
    {
        // Arrange
        var inputs = TestSamples.Range(25);

        // Act
        var run = await StepConformance.CheckBarrierAsync(() => new CountingBarrier(), inputs);

        // Assert
        Assert.Equal(25, run.Outputs.Count);
    }

    [Fact]
    public void CheckRejectsBadOptions_ConstructorThatAcceptsAnything_Fails()
    {
        // Arrange + Act
        var error = Record.Exception(() => StepConformance.CheckRejectsBadOptions(() => new DelayedMap()));

        // Assert
        Assert.IsAssignableFrom<XunitException>(error);
    }

    [Fact]
    public async Task RunAsync_MapStep_StampsStepNameOnOutputs()
    {
        // Arrange
        var inputs = TestSamples.Range(3);

        // Act
        var run = await StepHarness.RunAsync(new DelayedMap(maxDelayMs: 0), inputs);

        // Assert
        Assert.All(run.Outputs, s => Assert.Equal(StepHarness.StepName, s.Step));
        Assert.Equal(StepRole.Map, new DelayedMap().Role);
    }
}
