using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Scoring.S2l;
using DataForge.Scoring.Selection;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Registry;

public sealed class SelectionDefinitionsTests
{
    private static (string Key, string Message)? Check(string type, params (string Key, object? Value)[] set)
    {
        Assert.True(StepRegistry.CreateDefault().TryGet(type, out var definition));
        var values = definition.Options.ToDictionary(o => o.Key, o => o.Default);
        foreach (var (key, value) in set)
        {
            values[key] = value;
        }

        return definition.Check!(new ResolvedOptions(values));
    }

    [Theory]
    [InlineData("0.7 * ic_ifd +", "score")]
    [InlineData("ic_ifd", "top_k")]
    public void SelectCheck_BadFormulaOrNothingToSelectBy_NamesTheKey(string score, string key)
    {
        // Act
        var problem = Check("select", ("score", score));

        // Assert
        Assert.Equal(key, problem?.Key);
    }

    [Fact]
    public void SelectCheck_MalformedQuota_NamesSourceQuotas()
    {
        // Act
        var problem = Check("select", ("score", "ifd"), ("top_k", 3L), ("source_quotas", (IReadOnlyList<string>)["a=1", "b=two"]));

        // Assert
        Assert.Equal(("source_quotas", "'b=two' is not SOURCE=N with N a whole number"), problem);
    }

    [Fact]
    public void SelectFactory_ValidOptions_BuildsTheStepWithTheDeclaredContract()
    {
        // Arrange
        using var folder = new TempFolder();
        var options = new SelectOptions { Score = "0.5 * ifd + less", TopFraction = 0.5, SourceQuotas = ["*=1"] };

        // Act
        var step = SelectStep.Definition.Factory(options, new RecordingBuildContext(folder.Path, new FakeLanguageModel()));

        // Assert
        var select = Assert.IsType<SelectStep>(step);
        Assert.Equal(SelectStep.Reasons, select.Contract.DropReasons);
        Assert.Equal(["kept_top_score", "over_source_quota", "kept_top_score", "below_budget"], select.Decide([4, 3, 2, 1], ["a", "a", "b", "a"]));
    }

    [Theory]
    [InlineData(null, null, "budget")]
    [InlineData(3L, 0.5, "fraction")]
    [InlineData(null, 0.0, "fraction")]
    public void S2lCheck_NotExactlyOneBudget_NamesTheKey(long? budget, double? fraction, string key)
    {
        // Act
        var problem = Check("select-s2l", ("proxy", "tiny"), ("budget", budget), ("fraction", fraction));

        // Assert
        Assert.Equal(key, problem?.Key);
    }

    [Fact]
    public void S2lFactory_ProxyThatCannotBeTrained_ThrowsConfigErrorNamingTheModel()
    {
        // Arrange
        using var folder = new TempFolder();
        var options = new S2lSelectorOptions { Proxy = "remote", Budget = 3 };

        // Act
        var error = Record.Exception(() => S2lSelector.Definition.Factory(options, new RecordingBuildContext(folder.Path, new FakeLanguageModel())));

        // Assert
        var config = Assert.IsType<DataForgeConfigException>(error);
        Assert.Contains("the proxy model 'remote' cannot be trained; select-s2l needs a [models.remote]", config.Message, StringComparison.Ordinal);
    }
}
