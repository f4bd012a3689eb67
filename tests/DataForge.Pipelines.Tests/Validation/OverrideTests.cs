using DataForge.Core.Diagnostics;
using DataForge.Pipelines.Registry;
using DataForge.Pipelines.Validation;
using DataForge.Testing;
using Xunit;

namespace DataForge.Pipelines.Tests.Validation;

/// <summary><c>--set KEY=VALUE</c> overrides that fit: typed against the key's definition and applied to the pipeline.</summary>
public sealed class OverrideTests : IDisposable
{
    private const string Pipeline = OverridePipeline.Pipeline;

    private readonly TempFolder _folder = new();
    private readonly string _path;

    public OverrideTests()
    {
        _path = OverridePipeline.Write(_folder);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Load_NoOverride_Baseline()
    {
        // Arrange, Act
        var result = Load();

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(1, result.Spec!.Run.Seed);
    }

    [Fact]
    public void Load_RunSeed_ChangesSeed()
    {
        // Arrange, Act
        var result = Load("run.seed=5");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(5, result.Spec!.Run.Seed);
    }

    [Fact]
    public void Load_RunKeyWithoutRunTable_CreatesIt()
    {
        // Arrange
        _folder.Write("pipeline.toml", Pipeline.Replace("[run]\nseed = 1\n", "", StringComparison.Ordinal));

        // Act
        var result = Load("run.seed=7");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(7, result.Spec!.Run.Seed);
    }

    [Fact]
    public void Load_StepInteger_ChangesOption()
    {
        // Arrange, Act
        var result = Load("steps.dedup.expected_records=10");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(10, Step(result, "dedup").Options.GetInteger("expected_records"));
    }

    [Fact]
    public void Load_FloatKeyGivenInteger_Accepted()
    {
        // Arrange, Act
        var result = Load("steps.sample.fraction=1", "run.max_error_fraction=0.05");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(1.0, Step(result, "sample").Options.GetFloat("fraction"));
        Assert.Equal(0.05, result.Spec!.Run.MaxErrorFraction);
    }

    [Fact]
    public void Load_InputList_SetsInputsInOrder()
    {
        // Arrange, Act
        var result = Load("steps.dedup.input=[\"b\",\"a\"]");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["b", "a"], Step(result, "dedup").Inputs);
    }

    [Fact]
    public void Load_InputBareName_IsOneInput()
    {
        // Arrange, Act
        var result = Load("steps.out.input=dedup");

        // Assert
        Assert.Empty(Errors(result));
        Assert.Equal(["dedup"], Step(result, "out").Inputs);
    }

    [Fact]
    public void Load_InputNamingNoStep_ReportedAsBadOverride()
    {
        // Arrange, Act
        var result = Load("steps.dedup.input=[\"a\",\"bb\"]");

        // Assert
        Assert.Null(result.Spec);
        var diagnostic = Assert.Single(Errors(result));
        Assert.Equal("--set: error DF1013: steps.dedup.input=[\"a\",\"bb\"]: step 'dedup' reads 'bb', but no step has that name (did you mean 'b'?)", diagnostic.ToString());
    }

    [Fact]
    public void Load_StringKeyGivenNumberText_TakesTheText()
    {
        // Arrange, Act
        var result = Load("run.name=2024");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal("2024", result.Spec!.Run.Name);
    }

    [Fact]
    public void Load_QuotedString_Unquoted()
    {
        // Arrange, Act
        var result = Load("run.name=\"nightly run\"");

        // Assert
        Assert.Empty(result.Diagnostics);
        Assert.Equal("nightly run", result.Spec!.Run.Name);
    }

    [Fact]
    public void Load_ModelKeys_Changed()
    {
        // Arrange, Act
        var result = Load("models.fleet.timeout_seconds=30", "models.fleet.urls=[\"http://a/v1\",\"http://b/v1\"]");

        // Assert
        Assert.Empty(result.Diagnostics);
        var model = result.Spec!.Models["fleet"];
        Assert.Equal(30, model.Options.GetInteger("timeout_seconds"));
        Assert.Equal(["http://a/v1", "http://b/v1"], model.Options.GetStringList("urls"));
    }

    [Fact]
    public void Load_LaterOverrideOfSameKey_Wins()
    {
        // Arrange, Act
        var result = Load("run.seed=5", "run.seed=6");

        // Assert
        Assert.Equal(6, result.Spec!.Run.Seed);
    }

    private LoadResult Load(params string[] overrides) => PipelineLoader.Load(_path, overrides, StepRegistry.CreateDefault());

    private static List<Diagnostic> Errors(LoadResult result) => [.. result.Diagnostics.Where(d => !d.IsWarning)];

    private static StepSpec Step(LoadResult result, string name)
    {
        Assert.NotNull(result.Spec);
        return Assert.Single(result.Spec.Steps, s => s.Name == name);
    }
}
